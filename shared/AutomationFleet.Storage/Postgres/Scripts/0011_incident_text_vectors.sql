-- Issue 11: an incident's text vector (the encoder's model name and its floats, 4 bytes each, little-endian), so
-- de-duplication encodes a report's text only, never its candidates'. Null for incidents opened before, which are
-- encoded as before. The columns are incidents', so the table's grants cover them.
ALTER TABLE incidents ADD COLUMN text_vector_model text NULL;
ALTER TABLE incidents ADD COLUMN text_vector bytea NULL;
