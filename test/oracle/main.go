// Command oracle decodes CBOR exactly as oasis-core does (fxamacker/cbor v2.4.0 under the options
// of oasis-core's go/common/cbor/cbor.go, into Go types that mirror oasis-core's, types.go), and
// re-encodes what it decoded as oasis-core's cbor.Marshal would.
//
// Input: one CBOR item per line, in hex, on stdin. A line may start with a mode and a colon
// ("runtime:a0…", "sgx:a1…"); otherwise the mode given as the first argument is used (default
// "runtime"). Modes:
//
//	runtime  decode as registry.Runtime (what a RegisterRuntime transaction body goes through)
//	sgx      decode as node.SGXConstraints (what D7 does with a deployment's `tee` bytes)
//	node     decode as node.Runtime (one entry of a node descriptor's `runtimes`)
//	params   decode as registry.ConsensusParameters (the fields of types.go)
//	runtime-json, params-json          decode the CBOR as above, answer Go's encoding/json text
//	                                   of the value (oasis-node's JSON form, spec/codec.md O1)
//	runtime-fromjson, params-fromjson  the hex spells JSON text: read it with encoding/json
//	                                   into the Go type, answer its canonical CBOR (O2)
//
// Output: one JSON line per input line, in order:
//
//	{"ok":true,"hash":"<SHA-512/256 of the canonical re-encoding>","cbor":"<that re-encoding>"}
//	{"ok":true,"json":"<encoding/json text>"} (the -json modes)
//	{"ok":false,"error":"<the Go error string>"}
//
// An empty line is a zero-length, non-nil input (oasis-core's cbor.Unmarshal only short-cuts a
// nil slice; a transaction body is never nil), so it fails with EOF. A panic while encoding
// (oasis-core's cbor.Marshal panics on error) is reported as ok:false with "panic: …".
package main

import (
	"bufio"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/fxamacker/cbor/v2"
)

// go/common/cbor/cbor.go, verbatim options.
var (
	encOptions = cbor.EncOptions{
		Sort:          cbor.SortCanonical,
		ShortestFloat: cbor.ShortestFloat16,
		NaNConvert:    cbor.NaNConvert7e00,
		InfConvert:    cbor.InfConvertFloat16,
		IndefLength:   cbor.IndefLengthForbidden,
		Time:          cbor.TimeUnix,
		TagsMd:        cbor.TagsForbidden,
	}

	// decOptions are decoding options for UNTRUSTED inputs (used by default).
	decOptions = cbor.DecOptions{
		DupMapKey:         cbor.DupMapKeyEnforcedAPF,
		IndefLength:       cbor.IndefLengthForbidden,
		TagsMd:            cbor.TagsForbidden,
		ExtraReturnErrors: cbor.ExtraDecErrorUnknownField,
	}

	encMode          cbor.EncMode
	decMode          cbor.DecMode
	decModeVersioned cbor.DecMode
)

func init() {
	var err error
	if encMode, err = encOptions.EncMode(); err != nil {
		panic(err)
	}
	if decMode, err = decOptions.DecMode(); err != nil {
		panic(err)
	}
	// go/common/cbor/versioned.go: the untrusted options, but unknown fields ignored.
	decOptionsVersioned := decOptions
	decOptionsVersioned.ExtraReturnErrors = cbor.ExtraDecErrorNone
	if decModeVersioned, err = decOptionsVersioned.DecMode(); err != nil {
		panic(err)
	}
}

// Marshal is oasis-core's cbor.Marshal.
func Marshal(src interface{}) []byte {
	b, err := encMode.Marshal(src)
	if err != nil {
		panic("common/cbor: failed to marshal: " + err.Error())
	}
	return b
}

// Unmarshal is oasis-core's cbor.Unmarshal (bytes after the first item are not checked).
func Unmarshal(data []byte, dst interface{}) error {
	if data == nil {
		return nil
	}
	return decMode.Unmarshal(data, dst)
}

type result struct {
	OK    bool   `json:"ok"`
	Hash  string `json:"hash,omitempty"`
	CBOR  string `json:"cbor,omitempty"`
	JSON  string `json:"json,omitempty"`
	Error string `json:"error,omitempty"`
}

func run(mode string, data []byte) (res result) {
	defer func() {
		if p := recover(); p != nil {
			res = result{OK: false, Error: fmt.Sprintf("panic: %v", p)}
		}
	}()
	var value interface{}
	switch mode {
	case "runtime-json", "params-json":
		var v interface{} = &Runtime{}
		if mode == "params-json" {
			v = &ConsensusParameters{}
		}
		if err := Unmarshal(data, v); err != nil {
			return result{Error: err.Error()}
		}
		text, err := json.Marshal(v)
		if err != nil {
			return result{Error: err.Error()}
		}
		return result{OK: true, JSON: string(text)}
	case "runtime-fromjson", "params-fromjson":
		var v interface{} = &Runtime{}
		if mode == "params-fromjson" {
			v = &ConsensusParameters{}
		}
		if err := json.Unmarshal(data, v); err != nil {
			return result{Error: err.Error()}
		}
		value = v
	case "runtime":
		var rt Runtime
		if err := Unmarshal(data, &rt); err != nil {
			return result{Error: err.Error()}
		}
		value = &rt
	case "sgx":
		var sc SGXConstraints
		if err := Unmarshal(data, &sc); err != nil {
			return result{Error: err.Error()}
		}
		value = &sc
	case "node":
		var nr NodeRuntime
		if err := Unmarshal(data, &nr); err != nil {
			return result{Error: err.Error()}
		}
		value = &nr
	case "params":
		var p ConsensusParameters
		if err := Unmarshal(data, &p); err != nil {
			return result{Error: err.Error()}
		}
		value = &p
	default:
		return result{Error: "oracle: unknown mode " + mode}
	}
	canonical := Marshal(value)
	sum := sha512.Sum512_256(canonical)
	return result{OK: true, Hash: hex.EncodeToString(sum[:]), CBOR: hex.EncodeToString(canonical)}
}

func main() {
	mode := "runtime"
	if len(os.Args) > 1 {
		mode = os.Args[1]
	}
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 0, 1<<20), 1<<30)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	for in.Scan() {
		line := strings.TrimSpace(in.Text())
		lineMode := mode
		if i := strings.IndexByte(line, ':'); i >= 0 {
			lineMode, line = line[:i], line[i+1:]
		}
		data, err := hex.DecodeString(line)
		var res result
		if err != nil {
			res = result{Error: "oracle: bad hex input: " + err.Error()}
		} else {
			if data == nil {
				data = []byte{}
			}
			res = run(lineMode, data)
		}
		if err := enc.Encode(res); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
