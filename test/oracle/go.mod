// The differential oracle (see README.md): a stand-alone Go program, built offline against the
// Debian packages of fxamacker/cbor v2.4.0 (the version oasis-core pins) and x448/float16.
// The replace targets are where `apt-get install golang-github-fxamacker-cbor-dev
// golang-github-x448-float16-dev` puts the sources; test/support/oracle.ts builds this module
// with GOPROXY=off and -mod=readonly, so nothing is fetched from the network.
module runtime-deployments/oracle

go 1.19

require github.com/fxamacker/cbor/v2 v2.4.0

require github.com/x448/float16 v0.8.4 // indirect

replace github.com/fxamacker/cbor/v2 => /usr/share/gocode/src/github.com/fxamacker/cbor

replace github.com/x448/float16 => /usr/share/gocode/src/github.com/x448/float16
