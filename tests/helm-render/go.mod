// Built in GOPATH mode (GO111MODULE=off), which ignores this file, against Debian's Go packages in
// /usr/share/gocode: no module proxy is needed. The file marks the folder as a program of its own.
module ssh-exporter/tests/helm-render

go 1.19
