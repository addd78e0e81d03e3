package main

// The text forms oasis-core gives its types (MarshalText / UnmarshalText), which Go's
// encoding/json uses for values and map keys: the JSON oasis-node prints and genesis documents
// hold (spec/codec.md O1-O3). fxamacker/cbor v2.4.0 does not call these methods, so they change
// nothing on the CBOR wire (the other oracle tests check that). Copied from oasis-core's methods
// where its sources were at hand, else from their behaviour as spec/codec.md records it:
//
//	Namespace    hex; read as hex, or base64 when that fails (kept for old genesis files)
//	PublicKey    base64 (standard, padded)
//	Hash         hex; read as hex, or base64 when that fails (oasis-core #4279)
//	Quantity     decimal; read by big.Int's UnmarshalText (base 0), negatives refused
//	enumerations by name: governance models, committee kinds, roles, threshold kinds, slash
//	             reasons, roles masks (names joined by commas)
//
// Where oasis-core writes a placeholder it cannot read back ("[invalid roles]", "" for an empty
// roles mask, "[unknown threshold kind]"), these methods fail instead, as the library does (O1):
// the comparison covers what both can write, and that deviation is the library's, on purpose.

import (
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"strings"
)

func (n Namespace) MarshalText() ([]byte, error) { return []byte(hex.EncodeToString(n[:])), nil }

// UnmarshalText is oasis-core's (go/common/namespace.go): UnmarshalHex (hex.DecodeString, then
// UnmarshalBinary), and when that fails for any reason, UnmarshalBase64 (kept for the Cobalt
// upgrade genesis file).
func (n *Namespace) UnmarshalText(text []byte) error {
	if err := n.unmarshalHex(string(text)); err != nil {
		return n.unmarshalBase64(text)
	}
	return nil
}

func (n *Namespace) unmarshalHex(text string) error {
	b, err := hex.DecodeString(text)
	if err != nil {
		return err
	}
	return n.UnmarshalBinary(b)
}

func (n *Namespace) unmarshalBase64(text []byte) error {
	b, err := base64.StdEncoding.DecodeString(string(text))
	if err != nil {
		return err
	}
	return n.UnmarshalBinary(b)
}

func (k PublicKey) MarshalText() ([]byte, error) {
	return []byte(base64.StdEncoding.EncodeToString(k[:])), nil
}

func (k *PublicKey) UnmarshalText(text []byte) error {
	b, err := base64.StdEncoding.DecodeString(string(text))
	if err != nil {
		return err
	}
	return k.UnmarshalBinary(b)
}

func (h Hash) MarshalText() ([]byte, error) { return []byte(hex.EncodeToString(h[:])), nil }

// UnmarshalText is oasis-core's since #4279 (go/common/crypto/hash/hash.go): hex first, and when
// that fails for any reason, base64 (the text form before hex).
func (h *Hash) UnmarshalText(text []byte) error {
	if b, err := hex.DecodeString(string(text)); err == nil {
		if err = h.UnmarshalBinary(b); err == nil {
			return nil
		}
	}
	b, err := base64.StdEncoding.DecodeString(string(text))
	if err != nil {
		return err
	}
	return h.UnmarshalBinary(b)
}

func (q Quantity) MarshalText() ([]byte, error) { return q.inner.MarshalText() }

func (q *Quantity) UnmarshalText(text []byte) error {
	var tmp big.Int
	if err := tmp.UnmarshalText(text); err != nil {
		return err
	}
	if tmp.Sign() < 0 {
		return ErrInvalidQuantity
	}
	q.inner.Set(&tmp)
	return nil
}

type names struct {
	goType  string
	written map[uint64]string
	read    []string
}

func (n names) marshal(v uint64) ([]byte, error) {
	if s, ok := n.written[v]; ok {
		return []byte(s), nil
	}
	return nil, fmt.Errorf("%s %d has no text form", n.goType, v)
}

func (n names) unmarshal(text []byte) (uint64, error) {
	for _, r := range n.read {
		if r == string(text) {
			for v, s := range n.written {
				if s == r {
					return v, nil
				}
			}
		}
	}
	return 0, fmt.Errorf("invalid %s: %s", n.goType, string(text))
}

var (
	governanceNames = names{"governance model", map[uint64]string{0: "invalid", 1: "entity", 2: "runtime", 3: "consensus"}, []string{"entity", "runtime", "consensus"}}
	committeeNames  = names{"committee kind", map[uint64]string{0: "invalid", 1: "executor"}, []string{"executor"}}
	roleNames       = names{"role", map[uint64]string{0: "invalid", 1: "worker", 2: "backup-worker"}, []string{"worker", "backup-worker"}}
	thresholdNames  = names{"threshold kind", map[uint64]string{0: "entity", 1: "node-validator", 2: "node-compute", 3: "node-observer", 4: "node-keymanager", 5: "runtime-compute", 6: "runtime-keymanager", 7: "keymanager-churp"}, []string{"entity", "node-validator", "node-compute", "node-observer", "node-keymanager", "runtime-compute", "runtime-keymanager", "keymanager-churp"}}
	slashNames      = names{"slash reason", map[uint64]string{0x00: "consensus-equivocation", 0x04: "consensus-light-client-attack", 0x80: "runtime-incorrect-results", 0x81: "runtime-equivocation", 0x82: "runtime-liveness"}, []string{"consensus-equivocation", "consensus-light-client-attack", "runtime-incorrect-results", "runtime-equivocation", "runtime-liveness"}}
)

func (m RuntimeGovernanceModel) MarshalText() ([]byte, error) {
	return governanceNames.marshal(uint64(m))
}
func (m *RuntimeGovernanceModel) UnmarshalText(text []byte) error {
	v, err := governanceNames.unmarshal(text)
	*m = RuntimeGovernanceModel(v)
	return err
}

func (k CommitteeKind) MarshalText() ([]byte, error) { return committeeNames.marshal(uint64(k)) }
func (k *CommitteeKind) UnmarshalText(text []byte) error {
	v, err := committeeNames.unmarshal(text)
	*k = CommitteeKind(v)
	return err
}

func (r Role) MarshalText() ([]byte, error) { return roleNames.marshal(uint64(r)) }
func (r *Role) UnmarshalText(text []byte) error {
	v, err := roleNames.unmarshal(text)
	*r = Role(v)
	return err
}

func (k ThresholdKind) MarshalText() ([]byte, error) {
	if k < 0 {
		return nil, errors.New("negative threshold kind")
	}
	return thresholdNames.marshal(uint64(k))
}
func (k *ThresholdKind) UnmarshalText(text []byte) error {
	v, err := thresholdNames.unmarshal(text)
	*k = ThresholdKind(v)
	return err
}

func (s SlashReason) MarshalText() ([]byte, error) { return slashNames.marshal(uint64(s)) }
func (s *SlashReason) UnmarshalText(text []byte) error {
	v, err := slashNames.unmarshal(text)
	*s = SlashReason(v)
	return err
}

var roleBits = []struct {
	bit  RolesMask
	name string
}{{1, "compute"}, {2, "observer"}, {4, "key-manager"}, {8, "validator"}, {32, "storage-rpc"}}

func (m RolesMask) MarshalText() ([]byte, error) {
	var out []string
	rest := m
	for _, r := range roleBits {
		if m&r.bit != 0 {
			out = append(out, r.name)
			rest &^= r.bit
		}
	}
	if rest != 0 || m == 0 {
		return nil, fmt.Errorf("roles mask %d has no text form", uint32(m))
	}
	return []byte(strings.Join(out, ",")), nil
}

func (m *RolesMask) UnmarshalText(text []byte) error {
	*m = 0
	for _, name := range strings.Split(string(text), ",") {
		found := false
		for _, r := range roleBits {
			if r.name == name {
				if *m&r.bit != 0 {
					return fmt.Errorf("duplicate role: %s", name)
				}
				*m |= r.bit
				found = true
			}
		}
		if !found {
			return fmt.Errorf("invalid role: %s", name)
		}
	}
	return nil
}
