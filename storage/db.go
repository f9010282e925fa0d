// Package storage keeps quotabot's data in one bbolt file. Helpers take a
// *Tx so that one update's effects, its replies and its update id commit
// together.
package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// SchemaVersion is the version of the layout this code writes.
// 1: organizations, quotas, admissions, users, outbox.
// 2: candidates, and an index of probations awaiting a decision.
// 3: term quotas, the decision and history behind each quota, and the
// admitted totals of years before quotabot.
// 4: the duplicate indexes of admissions and candidates keep diacritics
// (quota.IdentityKey instead of quota.SearchKey).
// 5: an index of deactivated organizations, and of admissions by
// organization.
// 6: admissions in a compact binary form instead of JSON.
// 7: daily counts for the committee only; an organization's days are
// read from the duplicate index.
// 8: the probations by organization in the index by organization.
// 9: an index of the organizations directly under the committee.
// 10: the duplicate index of admissions in the index by organization.
// 11: not used.
// 12: users and organizations in a compact binary form instead of JSON;
// the index of admissions by reporter among the users.
// 13: quota records and imported totals in a compact binary form instead
// of JSON.
// 14: a year's tallies in packs of a few thousand, key year(2) bound,
// instead of a key per organization and year.
const SchemaVersion = 14

// Buckets, one per entity.
var (
	bucketMeta         = []byte("meta")
	bucketOrgs         = []byte("orgs")
	bucketChildren     = []byte("children")      // parent 0x00 child -> nothing
	bucketTallies      = []byte("tallies")       // year(2) bound -> a pack of the year's tallies from that code on (tally_codec.go)
	bucketDaily        = []byte("daily")         // 0x00 yyyymmdd(4) -> count(4), the committee's (code "" before it)
	bucketAdmissions   = []byte("admissions")    // id(8) -> Admission, compact (admission_codec.go)
	bucketUsers        = []byte("users")         // id(8) -> User (user_codec.go); id(8) admission id(8) -> nothing, the admissions the user reported
	bucketInvitations  = []byte("invitations")   // code -> Invitation
	bucketUpdates      = []byte("updates")       // update id(8) -> handled at unix nanos(8)
	bucketOutbox       = []byte("outbox")        // priority(1) seq(8) -> Outgoing, without its file's bytes
	bucketOutboxFiles  = []byte("outbox_files")  // priority(1) seq(8) -> the bytes of that message's file
	bucketOutboxKeys   = []byte("outbox_keys")   // dedupe key -> queued at unix nanos(8)
	bucketKeysByTime   = []byte("keys_by_time")  // queued at unix nanos(8) dedupe key -> nothing, to prune in order
	bucketDialogs      = []byte("dialogs")       // user(8) -> opaque dialog state
	bucketJobs         = []byte("jobs")          // job name -> last scheduled run, RFC 3339
	bucketDead         = []byte("dead")          // seq(8) -> Outgoing that could not be sent
	bucketStreaks      = []byte("streaks")       // org code -> Streak
	bucketCandidates   = []byte("candidates")    // id(8) -> Candidate
	bucketCandByOrg    = []byte("cand_by_org")   // org 0x00 id(8) -> nothing
	bucketCandDedupe   = []byte("cand_dedupe")   // org 0x00 namekey -> id(8), candidates in the pipeline
	bucketPipeline     = []byte("pipeline")      // org -> count(4) of advanced candidates
	bucketProbation    = []byte("probation")     // end yyyymmdd(4) admission id(8) -> nothing, awaiting a decision
	bucketAudit        = []byte("audit")         // seq(8) -> AuditEntry
	bucketQuotaRecords = []byte("quota_records") // year(2) code -> QuotaRecord of a yearly quota, compact (quotarecord_codec.go)
	bucketTermQuotas   = []byte("term_quotas")   // from(2) to(2) code -> QuotaRecord of a term quota, compact
	bucketPastTotals   = []byte("past_totals")   // year(2) code -> PastTotal, compact (pasttotal_codec.go); code "" for the committee
	bucketMenus        = []byte("menus")         // user(8) -> fingerprint of the command menu queued for the user's chat
	bucketInactive     = []byte("inactive")      // org code -> deactivated on yyyymmdd(4), 0 when undated
	bucketAdmByOrg     = []byte("adm_by_org")    // org 0x00 id(8) -> nothing, every admission; org 0x00 0xfe date 0x00 namekey -> id(8), counting admissions only (admission.go); org 0x00 0xff end(4) id(8) -> nothing, awaiting a decision (probation.go)
	bucketRoots        = []byte("roots")         // org code -> nothing, the organizations with no parent

	keySchema = []byte("schema_version")

	allBuckets = [][]byte{bucketMeta, bucketOrgs, bucketChildren, bucketTallies, bucketDaily, bucketAdmissions,
		bucketUsers, bucketInvitations, bucketUpdates,
		bucketOutbox, bucketOutboxKeys, bucketKeysByTime, bucketDialogs, bucketJobs, bucketDead, bucketStreaks,
		bucketCandidates, bucketCandByOrg, bucketCandDedupe, bucketPipeline, bucketProbation, bucketAudit,
		bucketQuotaRecords, bucketTermQuotas, bucketPastTotals, bucketMenus, bucketOutboxFiles, bucketInactive, bucketAdmByOrg, bucketRoots}
)

// ErrLocked means another process holds the database file.
var ErrLocked = errors.New("another quotabot holds the database file")

// ErrNewerSchema means the file was written by a newer quotabot.
var ErrNewerSchema = errors.New("the database was written by a newer quotabot")

// DB is the open database.
type DB struct {
	bolt    *bolt.DB
	path    string
	gen     atomic.Uint64 // bumped by every commit that changed a figure: a tally, a pipeline count, a quota, a total, an organization
	orgs    atomic.Uint64 // bumped by every commit that changed an organization
	codes   codeTable
	figs    figureGenerations // of each year's figures and of the term quotas
	group   grouper           // calls waiting to share a commit (Group)
	upgrade *Upgrade          // what Open did to a file of an older schema
}

// Generation is the generation of the figures now committed. Read before a
// read transaction begins, it never names figures older than that
// transaction sees, so what the transaction computes can be cached under it.
func (db *DB) Generation() uint64 { return db.gen.Load() }

// OrgGeneration moves with every committed change to an organization: its
// name, its place in the tree, its state. Read like Generation.
func (db *DB) OrgGeneration() uint64 { return db.orgs.Load() }

// Options tune Open.
type Options struct {
	// LockTimeout bounds the wait for another process's lock.
	LockTimeout time.Duration
	// NoSync skips fsync; only benchmarks and throwaway demos use it.
	NoSync bool
}

// Open opens or creates the database file and brings its schema up to date.
func Open(path string, opts Options) (*DB, error) {
	if opts.LockTimeout == 0 {
		opts.LockTimeout = 2 * time.Second
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("creating the database folder %s: %w", dir, err)
		}
	}
	// Nothing may write to a file before it is known to be ours and sound.
	if err := preflight(path, opts.LockTimeout); err != nil {
		return nil, err
	}
	b, err := openWritable(path, opts)
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("opening %s: %w (stop it first, or use another storage.path)", path, ErrLocked)
	}
	if err != nil {
		return nil, fmt.Errorf("opening the database %s: %w", path, err)
	}
	db := &DB{bolt: b, path: path}
	up, err := db.migrate()
	if err != nil {
		_ = b.Close()
		return nil, err
	}
	if up != nil {
		if err := db.compactAfterUpgrade(up, opts); err != nil {
			_ = db.bolt.Close() // the lock goes with it; a handle already closed says nothing
			return nil, err
		}
		db.upgrade = up
	}
	return db, nil
}

// openWritable is bolt.Open with a panic turned into an error: the file
// changed between the read-only look and now.
func openWritable(path string, opts Options) (b *bolt.DB, err error) {
	// Reading the freelist of a file cut short faults past its end.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			b, err = nil, refusal(path, fmt.Errorf("%w: bbolt cannot read it (%v)", ErrDamaged, r))
		}
	}()
	// The freelist stays written at every commit: without it
	// (NoFreelistSync) every start rebuilds it by walking the whole file,
	// 11 ms to 250 ms at national size, for no commit time measured.
	// It is the sorted array, which gives every commit the lowest free
	// pages, so the pages commits write keep to the same few places in
	// the file, already in memory. The hash map hands out free pages in
	// no order: each commit's pages land somewhere new, and reading them
	// maps 64 KB around each, since the kernel maps the cached pages
	// around a page fault. 150 national /status grew the database's
	// resident pages from 56 to 80 MB that way, against none now.
	return bolt.Open(path, 0o600, &bolt.Options{Timeout: opts.LockTimeout, NoSync: opts.NoSync, FreelistType: bolt.FreelistArrayType})
}

// migrations bring a database from the version before to the version
// after; each runs in the same transaction as the others.
var migrations = map[int]func(tx *Tx) error{
	2: func(tx *Tx) error {
		if err := migrateProbationIndex(tx); err != nil {
			return err
		}
		return migrateKeysByTime(tx)
	},
	3: migrateQuotaRecords,
	4: migrateIdentityKeys,
	5: func(tx *Tx) error {
		if err := indexDeactivated(tx); err != nil {
			return err
		}
		return indexAdmissionsByOrg(tx)
	},
	6:  migrateCompactAdmissions,
	7:  dropOrgDailyCounts,
	8:  moveProbationsByOrg,
	9:  indexRoots,
	10: moveDedupeByOrg,
	12: func(tx *Tx) error {
		if err := rebuildUsers(tx); err != nil {
			return err
		}
		return migrateCompactOrgs(tx)
	},
	13: func(tx *Tx) error {
		if err := migrateCompactQuotaRecords(tx); err != nil {
			return err
		}
		return migrateCompactPastTotals(tx)
	},
	14: packTallies,
}

// migrateIdentityKeys re-keys the duplicate indexes: keyed without
// diacritics, they took "Lê Văn Hưng" for "Lê Văn Hùng".
func migrateIdentityKeys(tx *Tx) error {
	if err := rebuildAdmissionIndex(tx); err != nil {
		return err
	}
	return rebuildCandidateIndex(tx)
}

// schemaOf reads the recorded schema version; 0 for a new file.
func schemaOf(tx *bolt.Tx) int {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return 0
	}
	if v := meta.Get(keySchema); len(v) == 8 {
		return int(binary.BigEndian.Uint64(v))
	}
	return 0
}

func (db *DB) migrate() (*Upgrade, error) {
	var version int
	if err := db.bolt.View(func(tx *bolt.Tx) error { version = schemaOf(tx); return nil }); err != nil {
		return nil, fmt.Errorf("reading the schema version of %s: %w", db.path, err)
	}
	if version > SchemaVersion {
		return nil, fmt.Errorf("opening %s: schema %d, this quotabot knows up to %d: %w", db.path, version, SchemaVersion, ErrNewerSchema)
	}
	var up *Upgrade
	if version > 0 && version < SchemaVersion {
		// An upgrade is one transaction, but a copy first lets an operator
		// go back to the older quotabot.
		up = &Upgrade{From: version, To: SchemaVersion,
			Backup: fmt.Sprintf("%s.schema%d-%s.bak", db.path, version, time.Now().UTC().Format("20060102T150405Z"))}
		if err := db.BackupFile(up.Backup); err != nil {
			return nil, fmt.Errorf("backing up %s before upgrading its schema: %w", db.path, err)
		}
	}
	err := db.bolt.Update(func(btx *bolt.Tx) error {
		for _, name := range allBuckets {
			if _, err := btx.CreateBucketIfNotExists(name); err != nil {
				return fmt.Errorf("creating bucket %s: %w", name, err)
			}
		}
		tx := newTx(btx, db)
		for v := version + 1; version > 0 && v <= SchemaVersion; v++ {
			if m := migrations[v]; m != nil {
				if err := m(tx); err != nil {
					return fmt.Errorf("upgrading %s to schema %d: %w", db.path, v, err)
				}
			}
		}
		meta := btx.Bucket(bucketMeta)
		// Open until Close marks it again: a crash leaves it unmarked.
		if err := meta.Delete(keyClean); err != nil {
			return fmt.Errorf("clearing the clean-shutdown mark: %w", err)
		}
		return meta.Put(keySchema, u64(SchemaVersion))
	})
	return up, err
}

// Close marks the file as cleanly closed and closes it. If the mark cannot
// be written (a full disk), the file is still closed, and the next start
// checks it.
func (db *DB) Close() error {
	markErr := db.markClean()
	if err := db.bolt.Close(); err != nil {
		return fmt.Errorf("closing %s: %w", db.path, err)
	}
	if markErr != nil && !errors.Is(markErr, bolterrors.ErrDatabaseNotOpen) {
		return fmt.Errorf("marking %s as cleanly closed: %w", db.path, markErr)
	}
	return nil
}

// Path is the file's path.
func (db *DB) Path() string { return db.path }

// Tx is a transaction with quotabot's helpers.
type Tx struct {
	tx *bolt.Tx
	db *DB
	*txState
}

// txState is what quotabot keeps about a bbolt transaction. Several calls
// that share one transaction (Group) share it: what one of them changed
// is in the transaction the next one reads.
type txState struct {
	touched     bool
	touchedOrgs bool
	touchedFigs touchedFigures
	inserts     map[string]*insertRun // per bucket written with insert
	packs       packCache             // of the tally packs looked up in
}

func newTx(btx *bolt.Tx, db *DB) *Tx { return &Tx{tx: btx, db: db, txState: &txState{}} }

// Generation changes whenever a committed transaction changed a figure:
// a tally, a pipeline count, a term quota, an imported total or an
// organization, so what is computed from them can be cached until it
// moves. Read inside a write transaction it cannot move under the reader.
func (tx *Tx) Generation() uint64 { return tx.db.gen.Load() }

// Stable reports whether figures read now can be cached under the
// current Generation: in a write transaction nothing else commits, and
// one that changed no figure yet reads what is committed.
func (tx *Tx) Stable() bool { return tx.tx.Writable() && !tx.touched }

// TreeGeneration is OrgGeneration seen from a transaction: what is read
// from the tree alone can be cached under it until it moves; TreeStable
// says whether it can be cached now, as Stable does for Generation.
func (tx *Tx) TreeGeneration() uint64 { return tx.db.orgs.Load() }

// TreeStable reports whether what is read of the tree now can be cached
// under the current TreeGeneration.
func (tx *Tx) TreeStable() bool { return tx.tx.Writable() && !tx.touchedOrgs }

// touch marks the transaction as changing the figures.
func (tx *Tx) touch() {
	if tx.touched || tx.db == nil {
		return
	}
	tx.touched = true
	tx.tx.OnCommit(func() { tx.db.gen.Add(1) })
}

// touchOrgs marks the transaction as changing an organization, which
// changes the figures of the tree too.
func (tx *Tx) touchOrgs() {
	tx.touch()
	if tx.touchedOrgs || tx.db == nil {
		return
	}
	tx.touchedOrgs = true
	tx.tx.OnCommit(func() { tx.db.orgs.Add(1) })
}

// Update runs fn in a read-write transaction, committed when fn returns nil.
func (db *DB) Update(fn func(tx *Tx) error) error {
	return db.bolt.Update(func(tx *bolt.Tx) error { return fn(newTx(tx, db)) })
}

// View runs fn in a read-only transaction.
func (db *DB) View(fn func(tx *Tx) error) error {
	return db.bolt.View(func(tx *bolt.Tx) error { return fn(newTx(tx, db)) })
}

// OnCommit runs f after the transaction commits.
func (tx *Tx) OnCommit(f func()) { tx.tx.OnCommit(f) }

// Size is the size of the database in bytes.
func (tx *Tx) Size() int64 { return tx.tx.Size() }

// bucket is a bucket of the transaction, with the fill percent its keys
// call for. bbolt splits a page it writes at half its size by default,
// which leaves every page half empty in a bucket whose keys only grow;
// the setting lasts for the handle, which bbolt keeps for the
// transaction, so every write transaction that inserts gets it.
func (tx *Tx) bucket(name []byte) *bolt.Bucket {
	b := tx.tx.Bucket(name)
	if b != nil && tx.tx.Writable() {
		if fill, ok := growingBuckets[string(name)]; ok {
			b.FillPercent = fill
		}
	}
	return b
}

// insert puts k in the bucket name, keeping its pages full while the
// transaction inserts in order: a sorted load (an import of the
// organizations, a bulk registration) into a bucket of arbitrary keys
// would otherwise leave every page half empty. Inserts in no order, and a
// single one in the middle, keep bbolt's even split, which leaves room on
// both sides of the next insert; a full split there would leave a page
// of one key beside every full one.
func (tx *Tx) insert(name []byte, k, v []byte) error {
	b := tx.bucket(name)
	if tx.inserts == nil {
		tx.inserts = map[string]*insertRun{}
	}
	run := tx.inserts[string(name)]
	if run == nil {
		last, _ := b.Cursor().Last()
		run = &insertRun{first: last == nil || bytes.Compare(k, last) > 0}
		tx.inserts[string(name)] = run
	} else if bytes.Compare(k, run.prev) > 0 {
		run.ascending++
	}
	run.n++
	run.prev = k
	b.FillPercent = bolt.DefaultFillPercent
	if run.sorted() {
		b.FillPercent = 1.0
	}
	return b.Put(k, v)
}

// insertRun is what a transaction inserted into one bucket.
type insertRun struct {
	first     bool   // the first insert came after every key
	n         int    // inserts
	ascending int    // inserts after the one before
	prev      []byte // the last key inserted
}

// sorted: one insert at the end, or many nearly all in order (a load of
// parents and then their children is two runs).
func (r *insertRun) sorted() bool {
	if r.n == 1 {
		return r.first
	}
	return r.ascending*10 >= (r.n-1)*9
}

// growingBuckets are the buckets whose new keys land after every key
// they hold (a sequence, a time, a date to come), with the share of a
// page to fill before splitting it: all of it for keys that are never
// rewritten, less where a record is rewritten longer later (a
// retraction, a candidate's next stage) or an early date can still come.
var growingBuckets = map[string]float64{
	string(bucketAdmissions):  0.95, // id
	string(bucketCandidates):  0.9,  // id
	string(bucketAudit):       1.0,  // seq
	string(bucketUpdates):     1.0,  // update id
	string(bucketDead):        1.0,  // seq
	string(bucketKeysByTime):  1.0,  // queued at
	string(bucketOutbox):      0.9,  // priority, seq: two ranges that each grow
	string(bucketOutboxFiles): 0.9,  // the same keys
	string(bucketProbation):   0.9,  // end date, id: mostly the dates of recent admissions
}

func u64(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}

func i64(v int64) []byte { return u64(uint64(v)) }

func be64(b []byte) uint64 { return binary.BigEndian.Uint64(b) }
