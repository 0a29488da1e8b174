# SPDX-License-Identifier: GPL-2.0
#
# Tern: build the module, lint it, run it in the test VM.
#
#   make              build module/tern.ko against KDIR (default: the debug
#                     test kernel, built and cached on first use)
#   make KDIR=/lib/modules/$(uname -r)/build     build for a real host
#   make lint         checkpatch --strict and sparse; fails on any finding
#   make demo         the main job: a real Tern connection in the test VM
#   make check        every test on both kernels, then "N passed, N failed"
#   make soak         the long fuzz runs (10^6 segments, 10 minutes of
#                     syscalls per kernel): never in make check or CI
#   make bench        Tern against kernel TCP, side by side
#   make kernel       just build the debug test kernel
#   make clean

KDIR ?=
W ?= 1
KERNEL_FOR_KDIR = $(if $(KDIR),$(KDIR),$$(scripts/kernel-build.sh debug))

.PHONY: all modules lint demo check soak bench kernel deps selftests clean

all: modules

modules:
	$(MAKE) -C "$(KERNEL_FOR_KDIR)" M=$(CURDIR) W=$(W) modules

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
