-- The SQL functions Coffer's PostgreSQL dialect calls, created in the schema Coffer works in.
-- Statements are separated by lines holding only "--;".

-- JSON kept as text, exactly as written (key order included); the domain tells JSON columns from text ones.
DO $f$
BEGIN
    CREATE DOMAIN json_text AS text COLLATE "C";
EXCEPTION WHEN duplicate_object THEN
    NULL;
END
$f$;
--;
-- A text read as JSON the way SQLite's JSON functions see it: valid JSON is parsed, anything else
-- (including empty text) is a JSON string, so malformed input never fails a query.
CREATE OR REPLACE FUNCTION coffer_json(v text) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $f$
BEGIN
    IF v IS NULL THEN
        RETURN NULL;
    END IF;
    IF v ~ '^\s*[\[{"0-9tfn-]' THEN
        BEGIN
            RETURN v::jsonb;
        EXCEPTION WHEN others THEN
            RETURN to_jsonb(v);
        END;
    END IF;
    RETURN to_jsonb(v);
END
$f$;
--;
-- The same as coffer_json, as the json type: containers keep their text as written, as SQLite returns them.
CREATE OR REPLACE FUNCTION coffer_json_doc(v text) RETURNS json
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $f$
BEGIN
    IF v IS NULL THEN
        RETURN NULL;
    END IF;
    IF v ~ '^\s*[\[{"0-9tfn-]' THEN
        BEGIN
            RETURN v::json;
        EXCEPTION WHEN others THEN
            RETURN to_json(v);
        END;
    END IF;
    RETURN to_json(v);
END
$f$;
--;
-- The value as a JSON array: a JSON array stays, anything else (NULL included) becomes a one-item array of it.
CREATE OR REPLACE FUNCTION coffer_json_array(v text) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $f$
DECLARE
    j jsonb;
BEGIN
    IF v IS NULL THEN
        RETURN '[null]'::jsonb;
    END IF;
    IF v ~ '^\s*\[' THEN
        BEGIN
            j := v::jsonb;
            IF jsonb_typeof(j) = 'array' THEN
                RETURN j;
            END IF;
        EXCEPTION WHEN others THEN
            NULL;
        END;
    END IF;
    RETURN jsonb_build_array(v);
END
$f$;
--;
-- A JSON scalar as SQLite's json_extract returns it, as text: strings unquoted, true/false as 1/0, numbers and
-- containers as JSON text.
CREATE OR REPLACE FUNCTION coffer_json_text(j json) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$
    SELECT CASE json_typeof(j)
        WHEN 'string' THEN j #>> '{}'
        WHEN 'boolean' THEN CASE WHEN j::text = 'true' THEN '1' ELSE '0' END
        WHEN 'null' THEN NULL
        ELSE j::text
    END
$f$;
--;
CREATE OR REPLACE FUNCTION coffer_json_text(j jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$
    SELECT CASE jsonb_typeof(j)
        WHEN 'string' THEN j #>> '{}'
        WHEN 'boolean' THEN CASE WHEN j = 'true'::jsonb THEN '1' ELSE '0' END
        WHEN 'null' THEN NULL
        ELSE j::text
    END
$f$;
--;
-- The items of a value as SQLite's json_each sees it (a non-array is a one-item array), each as
-- json_extract would return it.
CREATE OR REPLACE FUNCTION coffer_json_each(v text) RETURNS TABLE(value text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$
    SELECT coffer_json_text(e) FROM json_array_elements(
        CASE WHEN json_typeof(coffer_json_doc(v)) = 'array' AND v ~ '^\s*\[' THEN coffer_json_doc(v)
        ELSE json_build_array(v) END) AS e
$f$;
--;
-- A text as a number where SQLite would read it as one, else NULL.
CREATE OR REPLACE FUNCTION coffer_number(v text) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$
    SELECT CASE WHEN v ~ '^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$'
        THEN v::double precision ELSE NULL END
$f$;
--;
-- SQLite's strftime(format, time, modifiers...) over PocketBase's UTC datetime texts. The time value may be
-- 'now', a date, a date and time (T or space, optional fraction and Z/offset) or a number (a Julian day number,
-- or Unix seconds with the 'unixepoch' modifier); an unreadable value gives NULL, as in SQLite.
CREATE OR REPLACE FUNCTION coffer_strftime(fmt text, VARIADIC args text[] DEFAULT '{}') RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $f$
DECLARE
    v text := CASE WHEN cardinality(args) >= 1 THEN args[1] ELSE 'now' END;
    t timestamp;
    m text;
    n double precision;
    unit text;
    out text := '';
    i int := 1;
    c text;
BEGIN
    IF fmt IS NULL OR v IS NULL THEN
        RETURN NULL;
    END IF;
    v := btrim(v);
    IF lower(v) = 'now' THEN
        t := (now() AT TIME ZONE 'UTC')::timestamp(3);
    ELSIF v ~ '^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)$' THEN
        IF 'unixepoch' = ANY (SELECT lower(btrim(x)) FROM unnest(args[2:]) x) THEN
            t := to_timestamp(v::double precision) AT TIME ZONE 'UTC';
        ELSE
            t := timestamp '4714-11-24 12:00:00 BC' + (v::double precision * interval '1 day');
        END IF;
    ELSIF v ~ '^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?\s*(Z|[-+]\d{2}:\d{2})?$' THEN
        BEGIN
            IF v ~ '[-+]\d{2}:\d{2}$' THEN
                t := (replace(v, 'T', ' ')::timestamptz) AT TIME ZONE 'UTC';
            ELSE
                t := regexp_replace(replace(v, 'T', ' '), 'Z$', '')::timestamp;
            END IF;
        EXCEPTION WHEN others THEN
            RETURN NULL;
        END;
    ELSE
        RETURN NULL;
    END IF;
    FOR k IN 2 .. coalesce(cardinality(args), 0) LOOP
        m := lower(btrim(args[k]));
        IF m IS NULL THEN
            RETURN NULL;
        ELSIF m IN ('unixepoch', 'utc', 'localtime', 'auto', 'subsec', 'subsecond') THEN
            NULL;
        ELSIF m = 'start of day' THEN
            t := date_trunc('day', t);
        ELSIF m = 'start of month' THEN
            t := date_trunc('month', t);
        ELSIF m = 'start of year' THEN
            t := date_trunc('year', t);
        ELSIF m ~ '^weekday [0-6]$' THEN
            t := t + (((substr(m, 9)::int - extract(dow FROM t)::int + 7) % 7) * interval '1 day');
        ELSIF m ~ '^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+) +(day|hour|minute|second|month|year)s?$' THEN
            n := split_part(m, ' ', 1)::double precision;
            unit := rtrim(regexp_replace(m, '^\S+ +', ''), 's');
            t := CASE unit
                WHEN 'day' THEN t + n * interval '1 day'
                WHEN 'hour' THEN t + n * interval '1 hour'
                WHEN 'minute' THEN t + n * interval '1 minute'
                WHEN 'second' THEN t + n * interval '1 second'
                WHEN 'month' THEN t + (n::int) * interval '1 month'
                ELSE t + (n::int) * interval '1 year'
            END;
        ELSE
            RETURN NULL;
        END IF;
    END LOOP;
    WHILE i <= length(fmt) LOOP
        c := substr(fmt, i, 1);
        IF c = '%' AND i < length(fmt) THEN
            i := i + 1;
            c := substr(fmt, i, 1);
            out := out || CASE c
                WHEN 'Y' THEN to_char(t, 'YYYY')
                WHEN 'm' THEN to_char(t, 'MM')
                WHEN 'd' THEN to_char(t, 'DD')
                WHEN 'e' THEN lpad(extract(day FROM t)::int::text, 2, ' ')
                WHEN 'H' THEN to_char(t, 'HH24')
                WHEN 'I' THEN to_char(t, 'HH12')
                WHEN 'k' THEN lpad(extract(hour FROM t)::int::text, 2, ' ')
                WHEN 'l' THEN lpad(to_char(t, 'FMHH12'), 2, ' ')
                WHEN 'M' THEN to_char(t, 'MI')
                WHEN 'S' THEN to_char(t, 'SS')
                WHEN 'f' THEN to_char(t, 'SS.MS')
                WHEN 'F' THEN to_char(t, 'YYYY-MM-DD')
                WHEN 'T' THEN to_char(t, 'HH24:MI:SS')
                WHEN 'R' THEN to_char(t, 'HH24:MI')
                WHEN 'D' THEN to_char(t, 'MM/DD/YY')
                WHEN 'j' THEN to_char(t, 'DDD')
                WHEN 'J' THEN (extract(epoch FROM t) / 86400.0 + 2440587.5)::text
                WHEN 's' THEN floor(extract(epoch FROM t))::bigint::text
                WHEN 'w' THEN extract(dow FROM t)::int::text
                WHEN 'u' THEN extract(isodow FROM t)::int::text
                WHEN 'W' THEN lpad(((extract(doy FROM t)::int + 6 - ((extract(dow FROM t)::int + 6) % 7)) / 7)::text, 2, '0')
                WHEN 'U' THEN lpad(((extract(doy FROM t)::int + 6 - extract(dow FROM t)::int) / 7)::text, 2, '0')
                WHEN 'V' THEN to_char(t, 'IW')
                WHEN 'G' THEN to_char(t, 'IYYY')
                WHEN 'g' THEN to_char(t, 'IY')
                WHEN 'p' THEN to_char(t, 'AM')
                WHEN 'P' THEN to_char(t, 'am')
                WHEN '%' THEN '%'
                ELSE NULL
            END;
            IF out IS NULL THEN
                RETURN NULL;
            END IF;
        ELSE
            out := out || c;
        END IF;
        i := i + 1;
    END LOOP;
    RETURN out;
END
$f$;
--;
-- Any value as SQLite would show it as text: booleans as 1/0, whole numbers without a fraction.
CREATE OR REPLACE FUNCTION coffer_text(v text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$ SELECT v $f$;
--;
CREATE OR REPLACE FUNCTION coffer_text(v boolean) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$ SELECT CASE WHEN v THEN '1' WHEN NOT v THEN '0' END $f$;
--;
CREATE OR REPLACE FUNCTION coffer_text(v double precision) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$
    SELECT CASE WHEN v = trunc(v) AND abs(v) < 1e15 THEN trunc(v)::bigint::text ELSE v::text END
$f$;
--;
CREATE OR REPLACE FUNCTION coffer_text(v bigint) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$ SELECT v::text $f$;
--;
CREATE OR REPLACE FUNCTION coffer_text(v integer) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$ SELECT v::text $f$;
--;
CREATE OR REPLACE FUNCTION coffer_text(v numeric) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$ SELECT coffer_text(v::double precision) $f$;

--;
-- Comparisons that answer as on SQLite, whose values carry their own types (PostgresDialect.comparable). An operand
-- compared with a bound text, number or boolean goes through coffer_as_text, coffer_as_number or coffer_as_boolean,
-- whose version PostgreSQL picks by the operand's own type: an operand already of the bound value's kind comes back
-- unchanged (the call inlines to the column, so that its index serves); the others become a value of one of the two
-- domains below, whose operators compare the way SQLite compares the pair.
--
-- A number written as text, compared with text as SQLite compares a number with a NUMERIC column's text: as numbers
-- where the text spells one, else the number first. A domain over text, so that an untyped '' (the empty value
-- PocketBase's = and != compare with) is read as text, never as a malformed number.
DO $f$
BEGIN
    CREATE DOMAIN coffer_numeric AS text COLLATE "C";
EXCEPTION WHEN duplicate_object THEN
    NULL;
END
$f$;
--;
-- A number compared with a boolean as with 1 or 0, as SQLite stores booleans.
DO $f$
BEGIN
    CREATE DOMAIN coffer_real AS double precision;
EXCEPTION WHEN duplicate_object THEN
    NULL;
END
$f$;
--;
-- A text as a comparison with a number sees it on SQLite: a number where it spells one; other text after every
-- number, except empty text (a text column's empty default), before them.
CREATE OR REPLACE FUNCTION coffer_compared_number(v text) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$
    SELECT CASE WHEN v ~ '^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$' THEN v::double precision
        WHEN v = '' THEN '-Infinity'::double precision WHEN v IS NOT NULL THEN 'Infinity'::double precision END
$f$;
--;
-- A number compared with a text as SQLite compares them when one side has NUMERIC affinity: with the number the
-- text spells, else before the text. Negative, zero or positive; NULL with NULL.
CREATE OR REPLACE FUNCTION coffer_cmp_number(a double precision, b text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$
    SELECT CASE WHEN b ~ '^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$'
        THEN btfloat8cmp(a, b::double precision) WHEN a IS NOT NULL AND b IS NOT NULL THEN -1 END
$f$;
--;
-- Two texts compared the same way: a text spelling a number is that number, numbers sort before other text, other
-- text compares by bytes.
CREATE OR REPLACE FUNCTION coffer_cmp_numeric(a text, b text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$
    SELECT CASE WHEN a IS NULL THEN NULL
        WHEN a ~ '^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$' THEN coffer_cmp_number(a::double precision, b)
        WHEN b ~ '^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$' THEN 1
        ELSE bttextcmp(a COLLATE "C", b COLLATE "C") END
$f$;
--;
-- An operand made comparable with a bound text.
CREATE OR REPLACE FUNCTION coffer_as_text(v text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$ SELECT v $f$;
--;
CREATE OR REPLACE FUNCTION coffer_as_text(v double precision) RETURNS coffer_numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$ SELECT v::text::coffer_numeric $f$;
--;
CREATE OR REPLACE FUNCTION coffer_as_text(v bigint) RETURNS coffer_numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$ SELECT v::text::coffer_numeric $f$;
--;
CREATE OR REPLACE FUNCTION coffer_as_text(v boolean) RETURNS coffer_numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$ SELECT (CASE WHEN v THEN '1' WHEN NOT v THEN '0' END)::coffer_numeric $f$;
--;
-- An operand made comparable with a bound number.
CREATE OR REPLACE FUNCTION coffer_as_number(v double precision) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$ SELECT v $f$;
--;
CREATE OR REPLACE FUNCTION coffer_as_number(v bigint) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$ SELECT v $f$;
--;
CREATE OR REPLACE FUNCTION coffer_as_number(v integer) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$ SELECT v $f$;
--;
CREATE OR REPLACE FUNCTION coffer_as_number(v text) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$ SELECT coffer_compared_number(v) $f$;
--;
CREATE OR REPLACE FUNCTION coffer_as_number(v boolean) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$ SELECT v::integer $f$;
--;
-- An operand made comparable with a bound boolean.
CREATE OR REPLACE FUNCTION coffer_as_boolean(v boolean) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$ SELECT v $f$;
--;
CREATE OR REPLACE FUNCTION coffer_as_boolean(v double precision) RETURNS coffer_real
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$ SELECT v::coffer_real $f$;
--;
CREATE OR REPLACE FUNCTION coffer_as_boolean(v text) RETURNS coffer_real
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$ SELECT coffer_compared_number(v)::coffer_real $f$;
--;
-- The operators of the two domains: =, <>, <, <=, > and >= between coffer_numeric and text (either side) or
-- coffer_numeric, and between coffer_real and boolean (either side).
DO $f$
DECLARE
    op text[];
    pair text[];
BEGIN
    FOREACH pair SLICE 1 IN ARRAY ARRAY[
        ['numeric_text', 'coffer_numeric', 'text', 'coffer_cmp_number(a::double precision, b) %s 0'],
        ['text_numeric', 'text', 'coffer_numeric', '0 %s coffer_cmp_number(b::double precision, a)'],
        ['numeric_numeric', 'coffer_numeric', 'coffer_numeric', 'coffer_cmp_numeric(a, b) %s 0'],
        ['real_boolean', 'coffer_real', 'boolean', 'a::double precision %s b::integer'],
        ['boolean_real', 'boolean', 'coffer_real', 'a::integer %s b::double precision']]
    LOOP
        FOREACH op SLICE 1 IN ARRAY ARRAY[['=', 'eq'], ['<>', 'ne'], ['<', 'lt'], ['<=', 'le'], ['>', 'gt'], ['>=', 'ge']]
        LOOP
            EXECUTE format('CREATE OR REPLACE FUNCTION coffer_%s_%s(a %s, b %s) RETURNS boolean'
                || ' LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $b$ SELECT ' || pair[4] || ' $b$',
                pair[1], op[2], pair[2], pair[3], op[1]);
            IF to_regoperator(format('%s(%s,%s)', op[1], pair[2], pair[3])) IS NULL THEN
                EXECUTE format('CREATE OPERATOR %s (LEFTARG = %s, RIGHTARG = %s, FUNCTION = coffer_%s_%s)',
                    op[1], pair[2], pair[3], pair[1], op[2]);
            END IF;
        END LOOP;
    END LOOP;
END
$f$;