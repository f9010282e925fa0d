package storage

import (
	"fmt"
	"sort"

	bolt "go.etcd.io/bbolt"
)

// BucketSpace is how much of the file one bucket takes and how much of
// that its data fills, for the size figures in BENCHMARKS.md.
type BucketSpace struct {
	Name      string
	Keys      int
	Pages     int // leaf and branch pages, overflow included
	Bytes     int // the pages' size on disk
	InUse     int // bytes of those pages that hold data
	FillRatio float64
}

// Space lists every bucket's pages, largest first, and the number of the
// file's pages no bucket holds: free and pending pages, the freelist and
// the two meta pages.
func (db *DB) Space() (buckets []BucketSpace, freePages int, err error) {
	err = db.bolt.View(func(tx *bolt.Tx) error {
		size := tx.DB().Info().PageSize
		used := 0
		if err := tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			s := b.Stats()
			pages := s.LeafPageN + s.LeafOverflowN + s.BranchPageN + s.BranchOverflowN
			bs := BucketSpace{Name: string(name), Keys: s.KeyN, Pages: pages, Bytes: s.LeafAlloc + s.BranchAlloc,
				InUse: s.LeafInuse + s.BranchInuse}
			if pages == 0 {
				// An inline bucket lives in its parent's page.
				bs.InUse = s.InlineBucketInuse
			}
			if bs.Bytes > 0 {
				bs.FillRatio = float64(bs.InUse) / float64(bs.Bytes)
			}
			used += pages
			buckets = append(buckets, bs)
			return nil
		}); err != nil {
			return fmt.Errorf("reading the buckets' statistics: %w", err)
		}
		freePages = int(tx.Size()/int64(size)) - used
		return nil
	})
	sort.Slice(buckets, func(i, j int) bool { return buckets[i].Bytes > buckets[j].Bytes })
	return buckets, freePages, err
}
