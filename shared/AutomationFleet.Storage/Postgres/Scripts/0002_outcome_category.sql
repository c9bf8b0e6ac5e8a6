-- The dashboard's straight-through figures read a bot's category from its outcome JSON (a convention: "category").
-- SQLite guards its json_extract with json_valid; PostgreSQL 15 has no IS JSON, so this function turns JSON it cannot
-- parse, or a non-object, into NULL instead of failing the whole query.
CREATE FUNCTION outcome_category(outcome text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $body$
BEGIN
    RETURN CASE WHEN jsonb_typeof(outcome::jsonb) = 'object' THEN outcome::jsonb ->> 'category' END;
EXCEPTION WHEN invalid_text_representation THEN
    RETURN NULL;
END;
$body$;
