# What an application folder's Makefile includes: every goal typed in the
# app folder goes, in one make and in order, to the framework with A= this
# folder and KM_CALLER_DIR= this folder, so that relative O=, C=, L=, P=
# resolve against where the user typed them. Command-line variables reach
# the framework through MAKEFLAGS. The app's external libraries are listed
# in its Libs.uk, which the framework reads itself (`make A=<app>` from the
# framework builds the same thing).

.DEFAULT_GOAL := all
km_app_goals := $(if $(MAKECMDGOALS),$(MAKECMDGOALS),all)
.PHONY: km-app-forward $(km_app_goals)
km-app-forward:
	+@$(MAKE) --no-print-directory -C $(KUMIKI_ROOT) A=$(CURDIR) KM_CALLER_DIR=$(CURDIR) $(MAKECMDGOALS)
$(km_app_goals): km-app-forward
	@:
