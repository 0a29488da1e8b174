// SPDX-License-Identifier: GPL-2.0
/*
 * Set up and tear down Tern's inet hash tables. Sockets of every network
 * namespace share them; lookups match on the namespace too.
 */
#include <linux/slab.h>
#include <linux/mm.h>

#include "hash.h"

/* The inet helpers (inet_csk_get_port, inet_hash, ...) use a protocol's
 * own tables, proto->h.hashinfo, only when the kernel is configured with
 * DCCP; otherwise they would put Tern's sockets into TCP's tables.
 */
#if !IS_ENABLED(CONFIG_IP_DCCP)
#error "Tern needs a kernel with CONFIG_IP_DCCP (y or m) for its own hash tables"
#endif

#define TERN_EHASH_SIZE	16384
#define TERN_BHASH_SIZE	4096

struct inet_hashinfo tern_hashinfo;

/* The kernel nests a bhash2 bucket lock inside a bhash one: each table's
 * locks get their own spin_lock_init() site, hence their own lockdep class.
 */
static void tern_bhash_init(struct inet_hashinfo *h)
{
	int i;

	for (i = 0; i < TERN_BHASH_SIZE; i++) {
		spin_lock_init(&h->bhash[i].lock);
		INIT_HLIST_HEAD(&h->bhash[i].chain);
	}
	for (i = 0; i < TERN_BHASH_SIZE; i++) {
		spin_lock_init(&h->bhash2[i].lock);
		INIT_HLIST_HEAD(&h->bhash2[i].chain);
	}
}

static void tern_hash_free(struct inet_hashinfo *h)
{
	kvfree(h->bhash2);
	kvfree(h->bhash);
	inet_ehash_locks_free(h);
	kvfree(h->ehash);
	kmem_cache_destroy(h->bind2_bucket_cachep);
	kmem_cache_destroy(h->bind_bucket_cachep);
	inet_hashinfo2_free_mod(h);
	memset(h, 0, sizeof(*h));
}

/**
 * tern_hash_init() - allocate the bind, listen and established tables
 *
 * Return: 0 or -ENOMEM.
 */
int tern_hash_init(void)
{
	struct inet_hashinfo *h = &tern_hashinfo;
	int i;

	if (inet_hashinfo2_init_mod(h))
		return -ENOMEM;
	h->bind_bucket_cachep = kmem_cache_create("tern_bind_bucket",
						  sizeof(struct inet_bind_bucket),
						  0, SLAB_HWCACHE_ALIGN, NULL);
	h->bind2_bucket_cachep = kmem_cache_create("tern_bind2_bucket",
						   sizeof(struct inet_bind2_bucket),
						   0, SLAB_HWCACHE_ALIGN, NULL);
	h->ehash = kvmalloc_array(TERN_EHASH_SIZE, sizeof(*h->ehash), GFP_KERNEL);
	h->bhash = kvmalloc_array(TERN_BHASH_SIZE, sizeof(*h->bhash), GFP_KERNEL);
	h->bhash2 = kvmalloc_array(TERN_BHASH_SIZE, sizeof(*h->bhash2), GFP_KERNEL);
	if (!h->bind_bucket_cachep || !h->bind2_bucket_cachep || !h->ehash ||
	    !h->bhash || !h->bhash2)
		goto fail;

	h->ehash_mask = TERN_EHASH_SIZE - 1;
	for (i = 0; i < TERN_EHASH_SIZE; i++)
		INIT_HLIST_NULLS_HEAD(&h->ehash[i].chain, i);
	if (inet_ehash_locks_alloc(h))
		goto fail;

	h->bhash_size = TERN_BHASH_SIZE;
	tern_bhash_init(h);
	h->pernet = false;
	return 0;

fail:
	tern_hash_free(h);
	return -ENOMEM;
}

/**
 * tern_hash_exit() - free the tables; every socket must be gone
 */
void tern_hash_exit(void)
{
	tern_hash_free(&tern_hashinfo);
}
