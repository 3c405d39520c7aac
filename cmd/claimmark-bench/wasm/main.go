//go:build js && wasm

// Command wasm runs the format and re-anchoring workload in the browser
// and leaves its measurements, as JSON, in window.claimmarkBench.
package main

import (
	"encoding/json"
	"syscall/js"

	"github.com/claimmark/claimmark/cmd/internal/workload"
)

func main() {
	wasmMemory := func() float64 {
		return js.Global().Get("benchInstance").Get("exports").Get("mem").Get("buffer").Get("byteLength").Float()
	}
	r, err := workload.Measure(wasmMemory)
	out := struct {
		Result workload.Result
		Error  string
	}{Result: r}
	if err != nil {
		out.Error = err.Error()
	}
	b, _ := json.Marshal(out)
	js.Global().Set("claimmarkBench", string(b))
}
