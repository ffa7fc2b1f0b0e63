-- The stored functions and procedures Coffer's MySQL/MariaDB dialect calls, created in the database Coffer
-- works in (with the session's sql_mode: ANSI_QUOTES, PIPES_AS_CONCAT, NO_BACKSLASH_ESCAPES).
-- Statements are separated by lines holding only "--;". Each routine is dropped and created again.

DROP FUNCTION IF EXISTS coffer_json_doc
--;
-- A text read as JSON the way SQLite's JSON functions see it: valid JSON stays, anything else (empty text
-- included) is a JSON string, so malformed input never fails a query.
CREATE FUNCTION coffer_json_doc(v LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin) RETURNS LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin
DETERMINISTIC NO SQL
RETURN CASE WHEN v IS NULL THEN NULL WHEN JSON_VALID(v) THEN v ELSE JSON_QUOTE(v) END
--;
DROP FUNCTION IF EXISTS coffer_json_text
--;
-- A JSON value as SQLite's json_extract returns it, as text: strings unquoted, true/false as 1/0, null as
-- NULL, numbers as numbers print, containers as minified JSON text.
CREATE FUNCTION coffer_json_text(j LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin) RETURNS LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin
DETERMINISTIC NO SQL
BEGIN
    DECLARE kind VARCHAR(16) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin DEFAULT JSON_TYPE(j);
    DECLARE r LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;
    IF kind IS NULL OR kind = 'NULL' THEN
        RETURN NULL;
    ELSEIF kind = 'STRING' THEN
        SET r = JSON_UNQUOTE(j);
    ELSEIF kind = 'BOOLEAN' THEN
        SET r = IF(TRIM(j) = 'true', '1', '0');
    ELSEIF kind IN ('OBJECT', 'ARRAY') THEN
        SET r = JSON_COMPACT(j);
    ELSEIF kind = 'DOUBLE' THEN
        SET r = CAST(CAST(j AS DOUBLE) AS CHAR);
    ELSE
        SET r = TRIM(j);
    END IF;
    RETURN r;
END
--;
DROP FUNCTION IF EXISTS coffer_json_array
--;
-- The value as a JSON array: a JSON array stays, anything else (NULL included) becomes a one-item array of it.
CREATE FUNCTION coffer_json_array(v LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin) RETURNS LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin
DETERMINISTIC NO SQL
RETURN CASE WHEN JSON_VALID(v) AND JSON_TYPE(v) = 'ARRAY' THEN v ELSE JSON_ARRAY(v) END
--;
DROP FUNCTION IF EXISTS coffer_json_scalars
--;
-- The items SQLite's json_each finds in a value: those of a JSON array, a JSON scalar as the one item, and no
-- item in anything else.
CREATE FUNCTION coffer_json_scalars(v LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin) RETURNS LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin
DETERMINISTIC NO SQL
RETURN CASE WHEN v IS NULL OR NOT JSON_VALID(v) THEN '[]' WHEN JSON_TYPE(v) = 'ARRAY' THEN v ELSE CONCAT('[', v, ']') END
--;
DROP FUNCTION IF EXISTS coffer_json_item_count
--;
-- The number of items of a value as json_each sees it (coffer_json_array), except that NULL and empty text have none.
CREATE FUNCTION coffer_json_item_count(v LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin) RETURNS BIGINT
DETERMINISTIC NO SQL
RETURN CASE WHEN v IS NULL OR v = '' THEN 0 WHEN JSON_VALID(v) AND JSON_TYPE(v) = 'ARRAY' THEN JSON_LENGTH(v) ELSE 1 END
--;
DROP FUNCTION IF EXISTS coffer_json_array_length
--;
-- The length of a JSON array, 0 for anything else.
CREATE FUNCTION coffer_json_array_length(v LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin) RETURNS BIGINT
DETERMINISTIC NO SQL
RETURN CASE WHEN JSON_VALID(v) AND JSON_TYPE(v) = 'ARRAY' THEN JSON_LENGTH(v) ELSE 0 END
--;
DROP FUNCTION IF EXISTS coffer_number
--;
-- A value as a number where SQLite would read it as one, else NULL.
CREATE FUNCTION coffer_number(v LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin) RETURNS DOUBLE
DETERMINISTIC NO SQL
RETURN CASE WHEN v REGEXP '^[[:space:]]*[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?[[:space:]]*$'
    THEN CAST(v AS DOUBLE) ELSE NULL END
--;
DROP FUNCTION IF EXISTS coffer_compared_number
--;
-- A value as a comparison with a number sees it on SQLite: a number where it spells one; other text sorts
-- after every number (the greatest double), except empty text, which sorts before them (the least).
CREATE FUNCTION coffer_compared_number(v LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin) RETURNS DOUBLE
DETERMINISTIC NO SQL
RETURN CASE WHEN v IS NULL THEN NULL
    WHEN v = '' THEN -1.7976931348623157e308
    WHEN v REGEXP '^[[:space:]]*[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?[[:space:]]*$' THEN CAST(v AS DOUBLE)
    ELSE 1.7976931348623157e308 END
--;
DROP FUNCTION IF EXISTS coffer_json_value
--;
-- The value at a JSON path of a value read as coffer_json_doc reads it, as coffer_json_text gives it, where
-- each of the given path prefixes (a JSON array of paths) must be an array: MariaDB would read a non-array as
-- a one-item array at an [n] step, where SQLite finds nothing.
CREATE FUNCTION coffer_json_value(v LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin, path LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin, arrays LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin) RETURNS LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin
DETERMINISTIC NO SQL
BEGIN
    DECLARE d LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin DEFAULT coffer_json_doc(v);
    DECLARE i INT DEFAULT 0;
    DECLARE n INT DEFAULT JSON_LENGTH(arrays);
    WHILE i < n DO
        IF COALESCE(JSON_TYPE(JSON_EXTRACT(d, JSON_UNQUOTE(JSON_EXTRACT(arrays, CONCAT('$[', i, ']'))))), '') != 'ARRAY' THEN
            RETURN NULL;
        END IF;
        SET i = i + 1;
    END WHILE;
    RETURN coffer_json_text(JSON_EXTRACT(d, path));
END
--;
DROP FUNCTION IF EXISTS coffer_strftime
--;
-- SQLite's strftime(format, time, modifiers...) over PocketBase's UTC datetime texts; the modifiers come as a
-- JSON array. The time value may be 'now', a date, a date and time (T or space, optional fraction and
-- Z/offset) or a number (a Julian day number, or Unix seconds with the 'unixepoch' modifier); an unreadable
-- value or modifier gives NULL, as in SQLite.
CREATE FUNCTION coffer_strftime(fmt LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin, v LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin, mods LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin)
RETURNS LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin
DETERMINISTIC NO SQL
BEGIN
    DECLARE t DATETIME(3);
    DECLARE m LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;
    DECLARE n DOUBLE;
    DECLARE unit VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;
    DECLARE out_text LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin DEFAULT '';
    DECLARE c VARCHAR(4) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;
    DECLARE piece LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;
    DECLARE i INT DEFAULT 1;
    DECLARE k INT DEFAULT 0;
    DECLARE count_mods INT DEFAULT COALESCE(JSON_LENGTH(mods), 0);
    IF fmt IS NULL OR v IS NULL THEN
        RETURN NULL;
    END IF;
    SET v = TRIM(v);
    IF LOWER(v) = 'now' THEN
        SET t = UTC_TIMESTAMP(3);
    ELSEIF v REGEXP '^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)$' THEN
        IF JSON_SEARCH(LOWER(mods), 'one', 'unixepoch') IS NOT NULL THEN
            SET t = TIMESTAMPADD(MICROSECOND, ROUND(CAST(v AS DOUBLE) * 1000) * 1000, TIMESTAMP'1970-01-01 00:00:00');
        ELSE
            SET t = TIMESTAMPADD(MICROSECOND, ROUND((CAST(v AS DOUBLE) - 2440587.5) * 86400000) * 1000,
                TIMESTAMP'1970-01-01 00:00:00');
        END IF;
    ELSEIF v REGEXP '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?)?[[:space:]]*(Z|[-+][0-9]{2}:[0-9]{2})?$' THEN
        SET v = REPLACE(v, 'T', ' ');
        IF v REGEXP '[-+][0-9]{2}:[0-9]{2}$' THEN
            SET t = CONVERT_TZ(CAST(LEFT(v, LENGTH(v) - 6) AS DATETIME(3)), RIGHT(v, 6), '+00:00');
        ELSE
            SET t = CAST(TRIM(TRAILING 'Z' FROM v) AS DATETIME(3));
        END IF;
        IF t IS NULL THEN
            RETURN NULL;
        END IF;
    ELSE
        RETURN NULL;
    END IF;
    WHILE k < count_mods DO
        SET m = LOWER(TRIM(JSON_UNQUOTE(JSON_EXTRACT(mods, CONCAT('$[', k, ']')))));
        IF m IS NULL OR JSON_TYPE(JSON_EXTRACT(mods, CONCAT('$[', k, ']'))) = 'NULL' THEN
            RETURN NULL;
        ELSEIF m IN ('unixepoch', 'utc', 'localtime', 'auto', 'subsec', 'subsecond') THEN
            SET t = t;
        ELSEIF m = 'start of day' THEN
            SET t = CAST(DATE(t) AS DATETIME(3));
        ELSEIF m = 'start of month' THEN
            SET t = CAST(DATE_FORMAT(t, '%Y-%m-01') AS DATETIME(3));
        ELSEIF m = 'start of year' THEN
            SET t = CAST(DATE_FORMAT(t, '%Y-01-01') AS DATETIME(3));
        ELSEIF m REGEXP '^weekday [0-6]$' THEN
            SET t = TIMESTAMPADD(DAY, (CAST(SUBSTRING(m, 9) AS SIGNED) - (DAYOFWEEK(t) - 1) + 7) % 7, t);
        ELSEIF m REGEXP '^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+) +(day|hour|minute|second|month|year)s?$' THEN
            SET n = CAST(SUBSTRING_INDEX(m, ' ', 1) AS DOUBLE);
            SET unit = TRIM(TRAILING 's' FROM TRIM(SUBSTRING(m, LOCATE(' ', m))));
            SET t = CASE unit
                WHEN 'day' THEN TIMESTAMPADD(MICROSECOND, ROUND(n * 86400000) * 1000, t)
                WHEN 'hour' THEN TIMESTAMPADD(MICROSECOND, ROUND(n * 3600000) * 1000, t)
                WHEN 'minute' THEN TIMESTAMPADD(MICROSECOND, ROUND(n * 60000) * 1000, t)
                WHEN 'second' THEN TIMESTAMPADD(MICROSECOND, ROUND(n * 1000) * 1000, t)
                WHEN 'month' THEN TIMESTAMPADD(MONTH, TRUNCATE(n, 0), t)
                ELSE TIMESTAMPADD(YEAR, TRUNCATE(n, 0), t)
            END;
        ELSE
            RETURN NULL;
        END IF;
        SET k = k + 1;
    END WHILE;
    IF t IS NULL THEN
        RETURN NULL;
    END IF;
    WHILE i <= CHAR_LENGTH(fmt) DO
        SET c = SUBSTRING(fmt, i, 1);
        IF c = '%' AND i < CHAR_LENGTH(fmt) THEN
            SET i = i + 1;
            SET c = SUBSTRING(fmt, i, 1);
            SET piece = CASE
                WHEN c = 'Y' THEN DATE_FORMAT(t, '%Y')
                WHEN c = 'm' THEN DATE_FORMAT(t, '%m')
                WHEN c = 'd' THEN DATE_FORMAT(t, '%d')
                WHEN c = 'e' THEN LPAD(DAYOFMONTH(t), 2, ' ')
                WHEN c = 'H' THEN DATE_FORMAT(t, '%H')
                WHEN c = 'I' THEN DATE_FORMAT(t, '%h')
                WHEN c = 'k' THEN LPAD(HOUR(t), 2, ' ')
                WHEN c = 'l' THEN LPAD(DATE_FORMAT(t, '%l'), 2, ' ')
                WHEN c = 'M' THEN DATE_FORMAT(t, '%i')
                WHEN c = 'S' THEN DATE_FORMAT(t, '%S')
                WHEN c = 'f' THEN CONCAT(DATE_FORMAT(t, '%S'), '.', LEFT(DATE_FORMAT(t, '%f'), 3))
                WHEN c = 'F' THEN DATE_FORMAT(t, '%Y-%m-%d')
                WHEN c = 'T' THEN DATE_FORMAT(t, '%H:%i:%S')
                WHEN c = 'R' THEN DATE_FORMAT(t, '%H:%i')
                WHEN c = 'D' THEN DATE_FORMAT(t, '%m/%d/%y')
                WHEN c = 'j' THEN DATE_FORMAT(t, '%j')
                WHEN c = 'J' THEN CAST(TIMESTAMPDIFF(MICROSECOND, TIMESTAMP'1970-01-01 00:00:00', t) / 86400000000.0
                    + 2440587.5 AS CHAR)
                WHEN c = 's' THEN CAST(FLOOR(TIMESTAMPDIFF(MICROSECOND, TIMESTAMP'1970-01-01 00:00:00', t) / 1000000)
                    AS CHAR)
                WHEN c = 'w' THEN CAST(DAYOFWEEK(t) - 1 AS CHAR)
                WHEN c = 'u' THEN CAST(WEEKDAY(t) + 1 AS CHAR)
                WHEN c = 'W' THEN LPAD(WEEK(t, 5), 2, '0')
                WHEN c = 'U' THEN LPAD(WEEK(t, 0), 2, '0')
                WHEN c = 'V' THEN LPAD(WEEK(t, 3), 2, '0')
                WHEN c = 'G' THEN CAST(YEARWEEK(t, 3) DIV 100 AS CHAR)
                WHEN c = 'g' THEN RIGHT(CAST(YEARWEEK(t, 3) DIV 100 AS CHAR), 2)
                WHEN c = 'p' THEN DATE_FORMAT(t, '%p')
                WHEN c = 'P' THEN LOWER(DATE_FORMAT(t, '%p'))
                WHEN c = '%' THEN '%'
                ELSE NULL
            END;
            IF piece IS NULL THEN
                RETURN NULL;
            END IF;
            SET out_text = CONCAT(out_text, piece);
        ELSE
            SET out_text = CONCAT(out_text, c);
        END IF;
        SET i = i + 1;
    END WHILE;
    RETURN out_text;
END
--;
DROP PROCEDURE IF EXISTS coffer_create_index
--;
-- Creates an index from its parts: the generated columns to add first (a JSON array of [name, expression]),
-- the key parts (a JSON array of [column, "ASC"|"DESC"]) and the comment holding the index as SQLite writes it.
-- Text and blob key parts of a non-unique index are indexed by a prefix, as InnoDB requires; a unique index over
-- them is a hash index that holds whole values (MariaDB 10.4+). A second index of the same name on the table is
-- an error, or nothing with if_not_exists (index names are the table's own, as in MySQL: a table copied under
-- another name keeps them).
CREATE PROCEDURE coffer_create_index(IN tbl VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin, IN idx VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin, IN uniq BOOLEAN,
    IN if_not_exists BOOLEAN, IN gen LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin, IN parts LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin, IN note VARCHAR(1024) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin)
MODIFIES SQL DATA
BEGIN
    DECLARE i INT DEFAULT 0;
    DECLARE n INT DEFAULT JSON_LENGTH(parts);
    DECLARE col VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;
    DECLARE kind VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;
    DECLARE direction VARCHAR(8) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;
    DECLARE clauses LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin DEFAULT '';
    DECLARE key_parts LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin DEFAULT '';
    DECLARE prefix INT DEFAULT LEAST(255, FLOOR(768 / GREATEST(1, JSON_LENGTH(parts))));
    IF EXISTS (SELECT 1 FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = tbl
            AND index_name = idx) THEN
        IF if_not_exists THEN
            SET i = n;
        ELSE
            SET @coffer_message = CONCAT('index ', idx, ' already exists');
            SIGNAL SQLSTATE '42000' SET MESSAGE_TEXT = @coffer_message;
        END IF;
    ELSE
        WHILE i < JSON_LENGTH(gen) DO
            SET col = JSON_UNQUOTE(JSON_EXTRACT(gen, CONCAT('$[', i, '][0]')));
            IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE()
                    AND table_name = tbl AND column_name = col) THEN
                SET clauses = CONCAT(clauses, 'ADD COLUMN `', REPLACE(col, '`', '``'), '` LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin AS (',
                    JSON_UNQUOTE(JSON_EXTRACT(gen, CONCAT('$[', i, '][1]'))), ') VIRTUAL INVISIBLE, ');
            END IF;
            SET i = i + 1;
        END WHILE;
        SET i = 0;
        WHILE i < n DO
            SET col = JSON_UNQUOTE(JSON_EXTRACT(parts, CONCAT('$[', i, '][0]')));
            SET direction = JSON_UNQUOTE(JSON_EXTRACT(parts, CONCAT('$[', i, '][1]')));
            SET kind = (SELECT data_type FROM information_schema.columns WHERE table_schema = DATABASE()
                AND table_name = tbl AND column_name = col);
            SET key_parts = CONCAT(key_parts, IF(i > 0, ', ', ''), '`', REPLACE(col, '`', '``'), '`',
                IF((NOT uniq OR VERSION() NOT LIKE '%MariaDB%') AND (kind IS NULL OR kind LIKE '%text' OR kind LIKE '%blob'),
                    CONCAT('(', prefix, ')'), ''),
                IF(direction = 'DESC', ' DESC', ''));
            SET i = i + 1;
        END WHILE;
        SET @coffer_ddl = CONCAT('ALTER TABLE `', REPLACE(tbl, '`', '``'), '` ', clauses, 'ADD ',
            IF(uniq, 'UNIQUE ', ''), 'INDEX `', REPLACE(idx, '`', '``'), '` (', key_parts, ') COMMENT ',
            '''', REPLACE(COALESCE(note, ''), '''', ''''''), '''');
        PREPARE coffer_statement FROM @coffer_ddl;
        EXECUTE coffer_statement;
        DEALLOCATE PREPARE coffer_statement;
    END IF;
END
--;
DROP PROCEDURE IF EXISTS coffer_drop_table_index
--;
-- Drops an index of one table by its name (any case), with the generated columns made for it; nothing when the
-- table has no such index.
CREATE PROCEDURE coffer_drop_table_index(IN tbl VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin, IN idx VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin)
MODIFIES SQL DATA
BEGIN
    DECLARE real_name VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;
    DECLARE columns_sql LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;
    SET real_name = (SELECT MIN(index_name) FROM information_schema.statistics WHERE table_schema = DATABASE()
        AND table_name = tbl AND LOWER(index_name) = LOWER(idx));
    IF real_name IS NOT NULL THEN
        SET columns_sql = (SELECT GROUP_CONCAT(CONCAT(', DROP COLUMN `', REPLACE(column_name, '`', '``'), '`') SEPARATOR '')
            FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = tbl
            AND column_name LIKE CONCAT('\_\_ix\_', LEFT(MD5(LOWER(idx)), 10), '\_%') ESCAPE '\');
        SET @coffer_ddl = CONCAT('ALTER TABLE `', REPLACE(tbl, '`', '``'), '` DROP INDEX `',
            REPLACE(real_name, '`', '``'), '`', COALESCE(columns_sql, ''));
        PREPARE coffer_statement FROM @coffer_ddl;
        EXECUTE coffer_statement;
        DEALLOCATE PREPARE coffer_statement;
    END IF;
END
--;
DROP PROCEDURE IF EXISTS coffer_drop_index
--;
-- Drops an index by its name (any case), whichever table holds it, with the generated columns made for it.
CREATE PROCEDURE coffer_drop_index(IN idx VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin)
MODIFIES SQL DATA
BEGIN
    DECLARE tbl VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;
    DECLARE done BOOLEAN DEFAULT FALSE;
    DECLARE found CURSOR FOR SELECT DISTINCT table_name FROM information_schema.statistics
        WHERE table_schema = DATABASE() AND LOWER(index_name) = LOWER(idx);
    DECLARE CONTINUE HANDLER FOR NOT FOUND SET done = TRUE;
    OPEN found;
    drop_each: LOOP
        FETCH found INTO tbl;
        IF done THEN
            LEAVE drop_each;
        END IF;
        CALL coffer_drop_table_index(tbl, idx);
    END LOOP;
    CLOSE found;
END
