package storage

// AddAudit adds a line to the audit trail, such as who imported a
// register of admissions.
func (tx *Tx) AddAudit(e AuditEntry) error { return tx.addAudit(e) }
