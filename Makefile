# Convenience aliases for ./dev.sh (which works without make on a fresh machine).
.PHONY: run test build
run:
	./dev.sh run
test:
	./dev.sh test
build:
	./dev.sh build
