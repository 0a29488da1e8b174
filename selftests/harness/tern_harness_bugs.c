// SPDX-License-Identifier: GPL-2.0
/*
 * Deliberate bugs, one per load, selected by the "bug" parameter, to prove
 * that a test run in the VM fails when the kernel reports a problem:
 *
 *	uaf		a use after free (KASAN)
 *	lock_order	two locks taken in both orders (lockdep)
 *	leak		an allocation never freed (kmemleak)
 *	sleep_atomic	a mutex taken under a spinlock (DEBUG_ATOMIC_SLEEP)
 *	warn		a WARN_ON (panic_on_warn)
 *
 * Never loaded outside scripts/prove-harness.sh.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

static char *bug = "";
module_param(bug, charp, 0444);
MODULE_PARM_DESC(bug, "uaf, lock_order, leak, sleep_atomic or warn");

static DEFINE_SPINLOCK(lock_a);
static DEFINE_SPINLOCK(lock_b);
static DEFINE_MUTEX(sleeping_lock);
static void *leaked;

static noinline void bug_uaf(void)
{
	int *p = kmalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return;
	kfree(p);
	WRITE_ONCE(*p, 1);
}

static noinline void bug_lock_order(void)
{
	spin_lock(&lock_a);
	spin_lock(&lock_b);
	spin_unlock(&lock_b);
	spin_unlock(&lock_a);

	spin_lock(&lock_b);
	spin_lock(&lock_a);
	spin_unlock(&lock_a);
	spin_unlock(&lock_b);
}

static noinline void bug_leak(void)
{
	leaked = kmalloc(128, GFP_KERNEL);
	/* Forget the only reference. */
	WRITE_ONCE(leaked, NULL);
}

static noinline void bug_sleep_atomic(void)
{
	spin_lock(&lock_a);
	mutex_lock(&sleeping_lock);
	mutex_unlock(&sleeping_lock);
	spin_unlock(&lock_a);
}

static int __init harness_bugs_init(void)
{
	pr_info("triggering '%s'\n", bug);
	if (!strcmp(bug, "uaf"))
		bug_uaf();
	else if (!strcmp(bug, "lock_order"))
		bug_lock_order();
	else if (!strcmp(bug, "leak"))
		bug_leak();
	else if (!strcmp(bug, "sleep_atomic"))
		bug_sleep_atomic();
	else if (!strcmp(bug, "warn"))
		WARN_ON(1);
	else
		return -EINVAL;
	return 0;
}

static void __exit harness_bugs_exit(void)
{
}

module_init(harness_bugs_init);
module_exit(harness_bugs_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Deliberate bugs that prove the Tern test harness");
