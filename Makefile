# SPDX-License-Identifier: GPL-2.0
#
# Tern: build the module, lint it, run it in the test VM.
#
#   make              build module/tern.ko against KDIR (default: the debug
#                     test kernel, built and cached on first use), and
#                     ternize (tools/ternize)
#   make KDIR=/lib/modules/$(uname -r)/build     build for a real host
#   make install      install the module for the running kernel (or KDIR),
#                     ternize, the man pages (PREFIX=/usr/local) and the
#                     Wireshark dissector
#   make lint         checkpatch --strict and sparse; fails on any finding
#   make demo         the main job: a real Tern connection in the test VM
#   make check        every test on both kernels, then "N passed, N failed"
#   make soak         the long fuzz runs (10^6 segments, 10 minutes of
#                     syscalls per kernel) and the 64 MiB all-impairments
#                     transfer: never in make check or CI
#   make bench        Tern against kernel TCP, side by side
#   make kernel       just build the debug test kernel
#   make clean

KDIR ?=
W ?= 1
KERNEL_FOR_KDIR = $(if $(KDIR),$(KDIR),$$(scripts/kernel-build.sh debug))

PREFIX ?= /usr/local
INSTALL_KDIR = $(if $(KDIR),$(KDIR),/lib/modules/$(shell uname -r)/build)

.PHONY: all modules ternize install lint demo check soak bench kernel deps \
	selftests clean

all: modules ternize

modules:
	$(MAKE) -C "$(KERNEL_FOR_KDIR)" M=$(CURDIR) W=$(W) modules

ternize:
	$(MAKE) -C tools/ternize

install: ternize
	$(MAKE) -C "$(INSTALL_KDIR)" M=$(CURDIR) modules modules_install
	depmod -a $(notdir $(patsubst %/build,%,$(INSTALL_KDIR)))
	$(MAKE) -C tools/ternize install PREFIX=$(PREFIX)
	install -D -m 0644 docs/tern.7 $(DESTDIR)$(PREFIX)/share/man/man7/tern.7
	# Tern's dissector where tshark and Wireshark look for Lua plugins.
	if command -v tshark > /dev/null; then \
		dir=$$(tshark -G folders 2>/dev/null | sed -n 's/^Global Lua Plugins:[[:space:]]*//p'); \
		install -D -m 0644 tools/wireshark/tern.lua "$(DESTDIR)$$dir/tern.lua"; \
	fi

kernel:
	scripts/kernel-build.sh debug

deps:
	scripts/deps.sh

selftests:
	scripts/build-selftests.sh

lint:
	scripts/lint.sh

demo:
	scripts/demo.sh

check:
	scripts/check.sh

soak:
	scripts/soak.sh

bench:
	scripts/bench.sh

clean:
	find module kunit -name "*.o" -o -name "*.ko" -o -name "*.mod" -o -name "*.mod.c" \
		-o -name ".*.cmd" -o -name "modules.order" -o -name "Module.symvers" | xargs rm -f
	rm -f modules.order Module.symvers .*.cmd
	rm -rf .out
	$(MAKE) -C tools/ternize clean
