package backup

import (
	"context"

	"zhibu/store"
	"zhibu/store/replica"
	"zhibu/sync/device"
)

// renew gives a database just restored from a backup a new device identity (a new epoch):
// the backup's identity has numbered bundles and acknowledged changes that the restored
// file no longer holds, so its peers would skip its next bundles as already seen and never
// send again what it lost. With a new identity:
//   - its own new changes carry the new device ID, so no (clock, device) stamp and no bundle
//     number of the old identity is used twice;
//   - its paired devices start again from nothing on its side (numbering and acknowledged
//     version vectors are reset), so it takes their next bundles;
//   - peers learn the new identity from its enrolment file, which carries a handover signed
//     with the old identity's key (pairing): they replace the old device with the new one,
//     which has acknowledged nothing, so their next bundle re-sends everything in its scope.
//
// The old identity is kept in the key folder ("previous") to sign that handover.
func renew(ctx context.Context, dbPath string) error {
	id, err := device.Renew(dbPath)
	if err != nil {
		return err
	}
	db, err := store.Open(ctx, dbPath, store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	r := db.Replica()
	peers, err := r.Peers(ctx)
	if err != nil {
		return err
	}
	old := r.Device()
	if err := r.Write(ctx, func(tx *replica.Tx) error {
		if err := replica.SetMeta(ctx, tx, "restored_from", old); err != nil {
			return err
		}
		return tx.SetDevice(ctx, id.ID.String(), r.Org())
	}); err != nil {
		return err
	}
	for _, p := range peers {
		if err := r.RemovePeer(ctx, p.DeviceID); err != nil {
			return err
		}
		p.InSeq, p.OutSeq, p.Acked = 0, 0, nil
		if err := r.AddPeer(ctx, p); err != nil {
			return err
		}
	}
	return nil
}
