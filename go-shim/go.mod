module strata.dev/go-shim

go 1.22
