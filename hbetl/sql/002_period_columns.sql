-- v2: period columns derived from metrics.period, so a quarter's figures are a WHERE clause.
-- The derivation lives in macros (stored in the file) so the backfill below and every later
-- load (hbetl.warehouse) compute it the same way.
--
-- What "quarter" means: the quarter holding the LAST month the period covers (end_month).
--   2023-Q1 -> Q1; 2023-M02 -> Q1; 2023-H1 -> Q2; 2023-YTD09 -> Q3; 2023-YTD05 -> Q2; 2023 -> Q4.
-- So `WHERE year = 2023 AND quarter = 1` picks the Q1 figure and the monthly figures of
-- January-March: what a review published after Q1 can report. The six-month figure (H1) belongs
-- to Q2, the nine-month figure to Q3, and the whole year to Q4: a report is filed under the
-- quarter in which its period closes.

CREATE OR REPLACE MACRO hb_period_type(p) AS CASE
    WHEN regexp_full_match(p, '\d{4}-Q[1-4]') THEN 'Q'
    WHEN regexp_full_match(p, '\d{4}-H[12]') THEN 'H'
    WHEN regexp_full_match(p, '\d{4}-M(0[1-9]|1[0-2])') THEN 'M'
    WHEN regexp_full_match(p, '\d{4}-YTD(0[1-9]|1[0-2])') THEN 'YTD'
    WHEN regexp_full_match(p, '\d{4}') THEN 'Y'
END;

CREATE OR REPLACE MACRO hb_period_year(p) AS
    CASE WHEN hb_period_type(p) IS NOT NULL THEN CAST(left(p, 4) AS INTEGER) END;

CREATE OR REPLACE MACRO hb_period_end_month(p) AS CASE hb_period_type(p)
    WHEN 'Q' THEN 3 * CAST(right(p, 1) AS INTEGER)
    WHEN 'H' THEN 6 * CAST(right(p, 1) AS INTEGER)
    WHEN 'M' THEN CAST(right(p, 2) AS INTEGER)
    WHEN 'YTD' THEN CAST(right(p, 2) AS INTEGER)
    WHEN 'Y' THEN 12
END;

CREATE OR REPLACE MACRO hb_period_quarter(p) AS (hb_period_end_month(p) + 2) // 3;

ALTER TABLE metrics ADD COLUMN year INTEGER;
ALTER TABLE metrics ADD COLUMN period_type VARCHAR;
ALTER TABLE metrics ADD COLUMN end_month INTEGER;
ALTER TABLE metrics ADD COLUMN quarter INTEGER;

UPDATE metrics SET
    year = hb_period_year(period),
    period_type = hb_period_type(period),
    end_month = hb_period_end_month(period),
    quarter = hb_period_quarter(period);

COMMENT ON COLUMN metrics.year IS 'Year of period (derived from period; NULL if period is not canonical)';
COMMENT ON COLUMN metrics.period_type IS 'Q (quarter), H (six months), M (month), YTD (first N months), Y (year); derived from period';
COMMENT ON COLUMN metrics.end_month IS 'Last month the period covers, 1-12 (Q1 3, H1 6, YTD09 9, M03 3, year 12)';
COMMENT ON COLUMN metrics.quarter IS 'Quarter in which the period closes: (end_month + 2) // 3; H1 is filed under Q2, a year under Q4';
