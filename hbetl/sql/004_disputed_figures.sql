-- v4: disputed_figures, the conflicts between articles counted once per figure.
--
-- The `conflicts` view lists every pair of articles that give one figure differently, so
-- its rows grow with the square of the reports per figure: 36,854 pairs for a 7,452-article
-- synthetic quarter, and at 37,000 articles the run summary's count(*) over it held memory
-- in proportion (a backfill's peak RSS grew with the archive). A figure is disputed when its
-- lowest and highest report differ beyond rounding (hb_same_figure), which holds exactly
-- when some pair does; so one aggregation, linear in the reports, names the same figures.

CREATE OR REPLACE VIEW disputed_figures AS
WITH figures AS (
    SELECT r.indicator, r.scope, r.scope_key, r.year, r.period, r.kind, r.article_url, f.field, f.figure
    FROM indicator_reports r,
         LATERAL (VALUES ('value', r.value), ('yoy_pct', r.yoy_pct), ('mom_pct', r.mom_pct),
                         ('plan_pct', r.plan_pct)) AS f(field, figure)
    WHERE f.figure IS NOT NULL
)
SELECT indicator, any_value(scope ORDER BY article_url) AS scope, year, period, kind, field,
       min(figure) AS lowest, max(figure) AS highest, hb_rel_diff(min(figure), max(figure)) AS rel_diff,
       arg_min(article_url, figure) AS url_lowest, arg_max(article_url, figure) AS url_highest,
       count(DISTINCT article_url) AS n_articles
FROM figures
GROUP BY indicator, scope_key, year, period, kind, field
HAVING NOT hb_same_figure(min(figure), max(figure));

COMMENT ON VIEW disputed_figures IS 'Figures that articles give differently (beyond 0.1 %), one row per indicator, period, kind, scope and field, with the lowest and highest report; the conflicts view lists every pair';
COMMENT ON COLUMN disputed_figures.indicator IS 'Indicator code';
COMMENT ON COLUMN disputed_figures.scope IS 'Scope as written (first article by URL)';
COMMENT ON COLUMN disputed_figures.year IS 'Year of the period';
COMMENT ON COLUMN disputed_figures.period IS 'Canonical period (2023-Q1, 2023-H1, …)';
COMMENT ON COLUMN disputed_figures.kind IS 'actual | estimate | target';
COMMENT ON COLUMN disputed_figures.field IS 'Which figure disagrees: value, yoy_pct, mom_pct or plan_pct';
COMMENT ON COLUMN disputed_figures.lowest IS 'Lowest figure reported';
COMMENT ON COLUMN disputed_figures.highest IS 'Highest figure reported';
COMMENT ON COLUMN disputed_figures.rel_diff IS '|highest - lowest| / max(|highest|, |lowest|)';
COMMENT ON COLUMN disputed_figures.url_lowest IS 'An article that reports the lowest figure';
COMMENT ON COLUMN disputed_figures.url_highest IS 'An article that reports the highest figure';
COMMENT ON COLUMN disputed_figures.n_articles IS 'Articles that report this figure';
