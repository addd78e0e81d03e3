package main

// Go types mirroring oasis-core (master f9f1fdc, see
// ../../../shared/reference/oasis-runtime-schema.md): the same Go kinds and widths, the same
// `json` tags (fxamacker/cbor reads them when there is no `cbor` tag), the same
// MarshalBinary/UnmarshalBinary methods with the same checks, and SGXConstraints' versioned
// UnmarshalCBOR/MarshalCBOR. What fxamacker v2.4.0 does with a value depends only on these
// things (kind, width, tags, which interfaces the type implements, what those methods check),
// so decoding into these types accepts and refuses exactly what oasis-core's types do.
//
// Each type names the oasis-core file it copies. Methods that CBOR never calls
// (MarshalText, String, ValidateBasic, …) are left out: v2.4.0 does not use TextMarshaler.

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/big"
	"time"
)

// -------------------------------------------------------------------------------------------------
// go/common/cbor/versioned.go
// -------------------------------------------------------------------------------------------------

const invalidVersion = 0xffff

// ErrInvalidVersion is cbor.ErrInvalidVersion.
var ErrInvalidVersion = errors.New("cbor: missing or invalid version")

// Versioned is cbor.Versioned, embedded (and so flattened to a top-level "v" key).
type Versioned struct {
	V uint16 `json:"v"`
}

// GetVersion is cbor.GetVersion: the untrusted decode options, but unknown fields ignored.
func GetVersion(data []byte) (uint16, error) {
	vblob := Versioned{V: invalidVersion}
	if err := decModeVersioned.Unmarshal(data, &vblob); err != nil {
		return 0, err
	}
	if vblob.V == invalidVersion {
		return 0, ErrInvalidVersion
	}
	return vblob.V, nil
}

// -------------------------------------------------------------------------------------------------
// go/common/namespace.go
// -------------------------------------------------------------------------------------------------

const (
	NamespaceSize = 32

	namespaceTest       uint64 = 1 << 63
	namespaceKeyManager uint64 = 1 << 62
	flagsReserved              = ^(namespaceTest | namespaceKeyManager)
)

var ErrMalformedNamespace = errors.New("malformed namespace")

// Namespace is common.Namespace.
type Namespace [NamespaceSize]byte

func (n *Namespace) MarshalBinary() (data []byte, err error) {
	data = append([]byte{}, n[:]...)
	return
}

func (n *Namespace) UnmarshalBinary(data []byte) error {
	if len(data) != NamespaceSize {
		return ErrMalformedNamespace
	}
	copy(n[:], data)
	if !n.isValid() {
		return ErrMalformedNamespace
	}
	return nil
}

func (n Namespace) isValid() bool {
	return binary.BigEndian.Uint64(n[0:8])&flagsReserved == 0
}

// -------------------------------------------------------------------------------------------------
// go/common/crypto/signature/signature.go
// -------------------------------------------------------------------------------------------------

const PublicKeySize = 32

var ErrMalformedPublicKey = errors.New("signature: malformed public key")

// PublicKey is signature.PublicKey (value-receiver MarshalBinary, as upstream).
type PublicKey [PublicKeySize]byte

func (k PublicKey) MarshalBinary() (data []byte, err error) {
	data = append([]byte{}, k[:]...)
	return
}

func (k *PublicKey) UnmarshalBinary(data []byte) error {
	if len(data) != PublicKeySize {
		return ErrMalformedPublicKey
	}
	copy(k[:], data)
	return nil
}

// -------------------------------------------------------------------------------------------------
// go/common/crypto/hash/hash.go
// -------------------------------------------------------------------------------------------------

const HashSize = 32

var ErrMalformedHash = errors.New("hash: malformed hash")

// Hash is hash.Hash.
type Hash [HashSize]byte

func (h *Hash) MarshalBinary() (data []byte, err error) {
	data = append([]byte{}, h[:]...)
	return
}

func (h *Hash) UnmarshalBinary(data []byte) error {
	if len(data) != HashSize {
		return ErrMalformedHash
	}
	copy(h[:], data)
	return nil
}

// -------------------------------------------------------------------------------------------------
// go/common/quantity/quantity.go
// -------------------------------------------------------------------------------------------------

var ErrInvalidQuantity = errors.New("invalid quantity")

// Quantity is quantity.Quantity: a struct with one unexported big.Int. CBOR bytes go through
// UnmarshalBinary (any length, leading zeros allowed); any other CBOR type is decoded as a
// struct with no exported fields (so `{}` is a zero quantity, as upstream).
type Quantity struct {
	inner big.Int
}

func (q *Quantity) MarshalBinary() ([]byte, error) {
	return append([]byte{}, q.inner.Bytes()...), nil
}

func (q *Quantity) UnmarshalBinary(data []byte) error {
	var tmp big.Int
	tmp.SetBytes(data)
	if tmp.Sign() < 0 {
		return ErrInvalidQuantity
	}
	q.inner.Set(&tmp)
	return nil
}

// -------------------------------------------------------------------------------------------------
// go/common/version/version.go
// -------------------------------------------------------------------------------------------------

// Version is version.Version.
type Version struct {
	Major uint16 `json:"major,omitempty"`
	Minor uint16 `json:"minor,omitempty"`
	Patch uint16 `json:"patch,omitempty"`
}

// -------------------------------------------------------------------------------------------------
// enumerations (named integer types; only the Go kind and width matter to CBOR)
// -------------------------------------------------------------------------------------------------

type (
	EpochTime              uint64 // beacon.EpochTime
	RuntimeKind            uint32 // registry.RuntimeKind
	TEEHardware            uint8  // node.TEEHardware
	RolesMask              uint32 // node.RolesMask
	CommitteeKind          uint8  // scheduler.CommitteeKind
	Role                   uint8  // scheduler.Role
	RuntimeGovernanceModel uint8  // registry.RuntimeGovernanceModel
	ThresholdKind          int    // staking.ThresholdKind (signed)
	SlashReason            uint8  // staking.SlashReason
	ISVEnclaveQuoteStatus  int    // ias.ISVEnclaveQuoteStatus (signed)
)

// -------------------------------------------------------------------------------------------------
// go/registry/api/runtime.go
// -------------------------------------------------------------------------------------------------

// VersionInfo is registry.VersionInfo.
type VersionInfo struct {
	Version        Version   `json:"version"`
	ValidFrom      EpochTime `json:"valid_from"`
	TEE            []byte    `json:"tee,omitempty"`
	BundleChecksum []byte    `json:"bundle_checksum,omitempty"`
}

// RuntimeGenesis is registry.RuntimeGenesis.
type RuntimeGenesis struct {
	StateRoot Hash   `json:"state_root"`
	Round     uint64 `json:"round"`
}

// ExecutorParameters is registry.ExecutorParameters.
type ExecutorParameters struct {
	GroupSize                  uint16 `json:"group_size"`
	GroupBackupSize            uint16 `json:"group_backup_size"`
	AllowedStragglers          uint16 `json:"allowed_stragglers"`
	RoundTimeout               int64  `json:"round_timeout"`
	MaxMessages                uint32 `json:"max_messages"`
	MinLiveRoundsPercent       uint8  `json:"min_live_rounds_percent,omitempty"`
	MaxMissedProposalsPercent  uint8  `json:"max_missed_proposals_percent,omitempty"`
	MinLiveRoundsForEvaluation uint64 `json:"min_live_rounds_eval,omitempty"`
	MaxLivenessFailures        uint8  `json:"max_liveness_fails,omitempty"`
}

// TxnSchedulerParameters is registry.TxnSchedulerParameters.
type TxnSchedulerParameters struct {
	BatchFlushTimeout time.Duration `json:"batch_flush_timeout,omitempty"`
	MaxBatchSize      uint64        `json:"max_batch_size,omitempty"`
	MaxBatchSizeBytes uint64        `json:"max_batch_size_bytes,omitempty"`
	MaxInMessages     uint32        `json:"max_in_messages,omitempty"`
	ProposerTimeout   time.Duration `json:"propose_batch_timeout,omitempty"`
}

// StorageParameters is registry.StorageParameters.
type StorageParameters struct {
	CheckpointInterval  uint64 `json:"checkpoint_interval"`
	CheckpointNumKept   uint64 `json:"checkpoint_num_kept"`
	CheckpointChunkSize uint64 `json:"checkpoint_chunk_size"`
}

// RuntimeStakingParameters is registry.RuntimeStakingParameters.
type RuntimeStakingParameters struct {
	Thresholds                           map[ThresholdKind]Quantity `json:"thresholds,omitempty"`
	Slashing                             map[SlashReason]Slash      `json:"slashing,omitempty"`
	RewardSlashEquvocationRuntimePercent uint8                      `json:"reward_equivocation,omitempty"`
	RewardSlashBadResultsRuntimePercent  uint8                      `json:"reward_bad_results,omitempty"`
	MinInMessageFee                      Quantity                   `json:"min_in_message_fee,omitempty"`
}

// Slash is staking.Slash (go/staking/api/slashing.go).
type Slash struct {
	Amount         Quantity  `json:"amount"`
	FreezeInterval EpochTime `json:"freeze_interval"`
}

// Runtime is registry.Runtime, descriptor version 3.
type Runtime struct {
	Versioned

	ID              Namespace                                        `json:"id"`
	EntityID        PublicKey                                        `json:"entity_id"`
	Genesis         RuntimeGenesis                                   `json:"genesis"`
	Kind            RuntimeKind                                      `json:"kind"`
	TEEHardware     TEEHardware                                      `json:"tee_hardware"`
	KeyManager      *Namespace                                       `json:"key_manager,omitempty"`
	Executor        ExecutorParameters                               `json:"executor,omitempty"`
	TxnScheduler    TxnSchedulerParameters                           `json:"txn_scheduler,omitempty"`
	Storage         StorageParameters                                `json:"storage,omitempty"`
	AdmissionPolicy RuntimeAdmissionPolicy                           `json:"admission_policy"`
	Constraints     map[CommitteeKind]map[Role]SchedulingConstraints `json:"constraints,omitempty"`
	Staking         RuntimeStakingParameters                         `json:"staking,omitempty"`
	GovernanceModel RuntimeGovernanceModel                           `json:"governance_model"`
	Deployments     []*VersionInfo                                   `json:"deployments,omitempty"`
}

// -------------------------------------------------------------------------------------------------
// go/registry/api/admission.go
// -------------------------------------------------------------------------------------------------

type AnyNodeRuntimeAdmissionPolicy struct{}

type EntityWhitelistConfig struct {
	MaxNodes map[RolesMask]uint16 `json:"max_nodes,omitempty"`
}

type EntityWhitelistRuntimeAdmissionPolicy struct {
	Entities map[PublicKey]EntityWhitelistConfig `json:"entities"`
}

type EntityWhitelistRoleConfig struct {
	MaxNodes uint16 `json:"max_nodes,omitempty"`
}

type EntityWhitelistRoleAdmissionPolicy struct {
	Entities map[PublicKey]EntityWhitelistRoleConfig `json:"entities"`
}

type PerRoleAdmissionPolicy struct {
	EntityWhitelist *EntityWhitelistRoleAdmissionPolicy `json:"entity_whitelist,omitempty"`
}

type RuntimeAdmissionPolicy struct {
	AnyNode         *AnyNodeRuntimeAdmissionPolicy         `json:"any_node,omitempty"`
	EntityWhitelist *EntityWhitelistRuntimeAdmissionPolicy `json:"entity_whitelist,omitempty"`
	PerRole         map[RolesMask]PerRoleAdmissionPolicy   `json:"per_role,omitempty"`
}

// -------------------------------------------------------------------------------------------------
// go/scheduler/api (scheduling constraints)
// -------------------------------------------------------------------------------------------------

type ValidatorSetConstraint struct{}

type MaxNodesConstraint struct {
	Limit uint16 `json:"limit"`
}

type MinPoolSizeConstraint struct {
	Limit uint16 `json:"limit"`
}

type SchedulingConstraints struct {
	ValidatorSet *ValidatorSetConstraint `json:"validator_set,omitempty"`
	MaxNodes     *MaxNodesConstraint     `json:"max_nodes,omitempty"`
	MinPoolSize  *MinPoolSizeConstraint  `json:"min_pool_size,omitempty"`
}

// -------------------------------------------------------------------------------------------------
// go/common/sgx/common.go
// -------------------------------------------------------------------------------------------------

const (
	MrEnclaveSize = 32
	MrSignerSize  = 32
)

type MrEnclave [MrEnclaveSize]byte

func (m *MrEnclave) MarshalBinary() (data []byte, err error) {
	data = append([]byte{}, m[:]...)
	return
}

func (m *MrEnclave) UnmarshalBinary(data []byte) error {
	if len(data) != MrEnclaveSize {
		return errors.New("sgx: malformed MRENCLAVE")
	}
	copy(m[:], data)
	return nil
}

type MrSigner [MrSignerSize]byte

func (m *MrSigner) MarshalBinary() (data []byte, err error) {
	data = append([]byte{}, m[:]...)
	return
}

func (m *MrSigner) UnmarshalBinary(data []byte) error {
	if len(data) != MrSignerSize {
		return errors.New("sgx: malformed MRSIGNER")
	}
	copy(m[:], data)
	return nil
}

// EnclaveIdentity is sgx.EnclaveIdentity (its MarshalText is not used by CBOR).
type EnclaveIdentity struct {
	MrEnclave MrEnclave `json:"mr_enclave"`
	MrSigner  MrSigner  `json:"mr_signer"`
}

// -------------------------------------------------------------------------------------------------
// go/common/sgx/ias/policy.go, go/common/sgx/pcs/policy.go, go/common/sgx/quote/quote.go
// -------------------------------------------------------------------------------------------------

type IASQuotePolicy struct {
	Disabled                   bool                    `json:"disabled,omitempty"`
	AllowedQuoteStatuses       []ISVEnclaveQuoteStatus `json:"allowed_quote_statuses,omitempty"`
	GIDBlacklist               []uint32                `json:"gid_blacklist,omitempty"`
	MinTCBEvaluationDataNumber uint32                  `json:"min_tcb_evaluation_data_number,omitempty"`
}

type TdxModulePolicy struct {
	MrSeam       *[48]byte `json:"mr_seam,omitempty"`
	MrSignerSeam [48]byte  `json:"mr_signer_seam"`
}

type TdxQuotePolicy struct {
	AllowedTdxModules []TdxModulePolicy `json:"allowed_tdx_modules,omitempty"`
}

type PCSQuotePolicy struct {
	Disabled                   bool            `json:"disabled,omitempty"`
	TCBValidityPeriod          uint16          `json:"tcb_validity_period"`
	MinTCBEvaluationDataNumber uint32          `json:"min_tcb_evaluation_data_number"`
	FMSPCWhitelist             []string        `json:"fmspc_whitelist,omitempty"`
	FMSPCBlacklist             []string        `json:"fmspc_blacklist,omitempty"`
	TDX                        *TdxQuotePolicy `json:"tdx,omitempty"`
}

type QuotePolicy struct {
	IAS *IASQuotePolicy `json:"ias,omitempty"`
	PCS *PCSQuotePolicy `json:"pcs,omitempty"`
}

// -------------------------------------------------------------------------------------------------
// go/common/node/sgx.go
// -------------------------------------------------------------------------------------------------

// SGXConstraints is node.SGXConstraints, with its versioned UnmarshalCBOR and MarshalCBOR.
type SGXConstraints struct {
	Versioned

	Enclaves          []EnclaveIdentity `json:"enclaves,omitempty"`
	Policy            *QuotePolicy      `json:"policy,omitempty"`
	MaxAttestationAge uint64            `json:"max_attestation_age,omitempty"`
}

type sgxConstraintsV0 struct {
	Enclaves             []EnclaveIdentity       `json:"enclaves,omitempty"`
	AllowedQuoteStatuses []ISVEnclaveQuoteStatus `json:"allowed_quote_statuses,omitempty"`
}

func (sc *SGXConstraints) UnmarshalCBOR(data []byte) error {
	v, err := GetVersion(data)
	if err != nil {
		v = 0 // Previous SGXConstraints structures were not versioned.
	}
	switch v {
	case 0:
		var scv0 sgxConstraintsV0
		if err = Unmarshal(data, &scv0); err != nil {
			return err
		}
		sc.Versioned = Versioned{V: 0}
		sc.Enclaves = scv0.Enclaves
		sc.Policy = &QuotePolicy{
			IAS: &IASQuotePolicy{AllowedQuoteStatuses: scv0.AllowedQuoteStatuses},
		}
		return nil
	case 1:
		type scv1 SGXConstraints
		return Unmarshal(data, (*scv1)(sc))
	default:
		return fmt.Errorf("invalid SGX constraints version: %d", v)
	}
}

func (sc *SGXConstraints) MarshalCBOR() ([]byte, error) {
	switch sc.V {
	case 0:
		scv0 := sgxConstraintsV0{Enclaves: sc.Enclaves}
		if sc.Policy != nil && sc.Policy.IAS != nil {
			scv0.AllowedQuoteStatuses = sc.Policy.IAS.AllowedQuoteStatuses
		}
		return Marshal(scv0), nil
	default:
		type scv1 SGXConstraints
		return Marshal((*scv1)(sc)), nil
	}
}

// -------------------------------------------------------------------------------------------------
// go/common/node/node.go: the node descriptor's runtime entry
// -------------------------------------------------------------------------------------------------

// X25519PublicKey stands for the x25519.PublicKey of CapabilityTEE.REK: 32 bytes whose
// UnmarshalBinary checks the length (../shared/reference/oasis-runtime-schema.md §2.12). The
// upstream type lives outside oasis-core (curve25519-voi) and was not available to copy; this
// is the one type here written from the reference's description only.
type X25519PublicKey [32]byte

func (k *X25519PublicKey) MarshalBinary() (data []byte, err error) {
	data = append([]byte{}, k[:]...)
	return
}

func (k *X25519PublicKey) UnmarshalBinary(data []byte) error {
	if len(data) != 32 {
		return errors.New("x25519: malformed public key")
	}
	copy(k[:], data)
	return nil
}

// CapabilityTEE is node.CapabilityTEE.
type CapabilityTEE struct {
	Hardware    TEEHardware      `json:"hardware"`
	RAK         PublicKey        `json:"rak"`
	REK         *X25519PublicKey `json:"rek,omitempty"`
	Attestation []byte           `json:"attestation"`
}

// Capabilities is node.Capabilities.
type Capabilities struct {
	TEE *CapabilityTEE `json:"tee,omitempty"`
}

// NodeRuntime is node.Runtime (one element of a node descriptor's `runtimes`).
type NodeRuntime struct {
	ID           Namespace    `json:"id"`
	Version      Version      `json:"version"`
	Capabilities Capabilities `json:"capabilities"`
	ExtraInfo    []byte       `json:"extra_info"`
}

// -------------------------------------------------------------------------------------------------
// go/registry/api/api.go (ConsensusParameters, the fields that govern runtime registration),
// go/common/node/tee.go (TEEFeatures), go/consensus/api/transaction (Costs)
// -------------------------------------------------------------------------------------------------

type (
	Op  string // transaction.Op
	Gas uint64 // transaction.Gas
)

// TEEFeaturesSGX is node.TEEFeaturesSGX.
type TEEFeaturesSGX struct {
	PCS                      bool         `json:"pcs"`
	SignedAttestations       bool         `json:"signed_attestations,omitempty"`
	DefaultPolicy            *QuotePolicy `json:"default_policy,omitempty"`
	DefaultMaxAttestationAge uint64       `json:"max_attestation_age,omitempty"`
	TDX                      bool         `json:"tdx,omitempty"`
}

// TEEFeatures is node.TEEFeatures.
type TEEFeatures struct {
	SGX             TEEFeaturesSGX `json:"sgx"`
	FreshnessProofs bool           `json:"freshness_proofs"`
}

// ConsensusParameters is registry.ConsensusParameters, restricted to the fields listed in the
// schema reference §7 (the ones this library models).
type ConsensusParameters struct {
	DebugAllowUnroutableAddresses        bool                            `json:"debug_allow_unroutable_addresses,omitempty"`
	DebugAllowTestRuntimes               bool                            `json:"debug_allow_test_runtimes,omitempty"`
	DebugDeployImmediately               bool                            `json:"debug_deploy_immediately,omitempty"`
	DisableRuntimeRegistration           bool                            `json:"disable_runtime_registration,omitempty"`
	DisableKeyManagerRuntimeRegistration bool                            `json:"disable_km_runtime_registration,omitempty"`
	EnableKeyManagerCHURP                bool                            `json:"enable_km_churp,omitempty"`
	GasCosts                             map[Op]Gas                      `json:"gas_costs,omitempty"`
	MaxNodeExpiration                    EpochTime                       `json:"max_node_expiration,omitempty"`
	EnableRuntimeGovernanceModels        map[RuntimeGovernanceModel]bool `json:"enable_runtime_governance_models,omitempty"`
	TEEFeatures                          *TEEFeatures                    `json:"tee_features,omitempty"`
	MaxRuntimeDeployments                uint8                           `json:"max_runtime_deployments,omitempty"`
}
