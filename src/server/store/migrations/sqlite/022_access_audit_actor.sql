-- The access audit filtered by who did it (the staff console's "staff member" filter and
-- `npm run admin -- audit --actor`): one index range per actor, newest first, as the other filters.

CREATE INDEX access_audit_actor ON access_audit (actor_id, at);
