-- v3: the reading views (quarterly_indicators, plan_progress, indicator_series, conflicts,
-- consistency) and the helper view they share (indicator_reports).
--
-- Tolerances, named by what they measure:
--  * Two articles "agree" on a figure when it differs by at most 0.1 % relative
--    (hb_same_figure): papers round 1.824,4 tỷ to 1.824 tỷ, which is 0.02 %; 0.1 % leaves room
--    for one more rounding step while still catching a different figure.
--  * A written figure is exact to half a unit of its last written digit (hb_half_unit):
--    48,9 % is 48.85-48.95, 8.315,7 tỷ is 8315.65-8315.75. A qualified figure ("trên 1.824 tỷ")
--    may be anything up to the next unit, so it counts one full unit (hb_rounding).
--    The last digit is read from the shortest decimal form of the stored double; values
--    converted from a larger unit ("1,5 nghìn tỷ" -> 1500) look more precise than written.
--  * An implied annual plan value / plan_pct * 100 has relative error up to
--    rounding(value)/value + half_unit(plan_pct)/plan_pct (plan_pct with 2 decimals: 0.005/plan_pct).

CREATE OR REPLACE MACRO hb_scope_key(s) AS coalesce(lower(trim(s)), '');

CREATE OR REPLACE MACRO hb_half_unit(x) AS CASE
    WHEN x IS NULL THEN NULL
    WHEN contains(CAST(abs(x) AS VARCHAR), 'e') THEN abs(x) * 1e-6
    ELSE 0.5 * pow(10, -length(rtrim(split_part(CAST(abs(x) AS VARCHAR), '.', 2), '0')))
END;

CREATE OR REPLACE MACRO hb_rounding(x, qualifier) AS
    hb_half_unit(x) * CASE WHEN qualifier IS NULL THEN 1 ELSE 2 END;

CREATE OR REPLACE MACRO hb_rel_diff(a, b) AS
    abs(a - b) / nullif(greatest(abs(a), abs(b)), 0);

CREATE OR REPLACE MACRO hb_same_figure(a, b) AS
    a IS NULL OR b IS NULL OR a = b OR hb_rel_diff(a, b) <= 0.001;

-- One row per article and (indicator, period, kind, scope): the first statement of it in the
-- article (an article that repeats a figure counts once).
CREATE OR REPLACE VIEW indicator_reports AS
WITH numbered AS (
    SELECT m.*, hb_scope_key(m.scope) AS scope_key,
           a.title AS source_title, a.published AS source_published,
           row_number() OVER (PARTITION BY m.article_url, m.indicator, m.period, m.kind, hb_scope_key(m.scope)
                              ORDER BY m.start_offset, m.metric_id) AS nth_in_article
    FROM metrics m LEFT JOIN articles a ON a.url = m.article_url
    WHERE m.indicator IS NOT NULL
)
SELECT article_url, source_title, source_published, indicator, period, period_type, year, quarter,
       end_month, kind, scope, scope_key, value, unit, qualifier, yoy_pct, mom_pct, plan_pct,
       label, sentence, start_offset, end_offset, metric_id
FROM numbered WHERE nth_in_article = 1;

-- quarterly_indicators: which article's figure stands for the group when articles differ?
-- The figure most articles agree on (within 0.1 %), and among those the latest published: a
-- single later article with another figure does not outvote two that agree, and it shows up in
-- `conflicts` and as latest_value. With no disagreement this is simply the latest article.
CREATE OR REPLACE VIEW quarterly_indicators AS
WITH support AS (
    SELECT l.metric_id, count(*) AS n_agree
    FROM indicator_reports l JOIN indicator_reports o
      ON o.indicator = l.indicator AND o.period = l.period AND o.kind = l.kind AND o.scope_key = l.scope_key
    WHERE hb_same_figure(l.value, o.value) AND hb_same_figure(l.yoy_pct, o.yoy_pct)
      AND hb_same_figure(l.mom_pct, o.mom_pct) AND hb_same_figure(l.plan_pct, o.plan_pct)
    GROUP BY l.metric_id
), ranked AS (
    SELECT r.*, s.n_agree,
           row_number() OVER (PARTITION BY indicator, period, kind, scope_key
                              ORDER BY s.n_agree DESC, source_published DESC NULLS LAST, article_url DESC) AS pick,
           count(*) OVER (PARTITION BY indicator, period, kind, scope_key) AS n_articles,
           first_value(value) OVER (PARTITION BY indicator, period, kind, scope_key
                                    ORDER BY source_published DESC NULLS LAST, article_url DESC
                                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS latest_value
    FROM indicator_reports r JOIN support s USING (metric_id)
)
SELECT indicator, period, period_type, year, quarter, end_month, kind, scope, scope_key,
       value, unit, qualifier, yoy_pct, mom_pct, plan_pct,
       article_url AS source_url, source_title, source_published, sentence,
       n_articles, n_agree, latest_value
FROM ranked
WHERE pick = 1;

-- plan_progress reads every report that gives a share of plan, not only the one that stands for
-- its group: a later article may repeat the level without the share.
CREATE OR REPLACE VIEW plan_progress AS
WITH latest AS (
    SELECT *, row_number() OVER (PARTITION BY indicator, period, kind, scope_key
                                 ORDER BY source_published DESC NULLS LAST, article_url DESC) AS recency
    FROM indicator_reports
    WHERE value IS NOT NULL AND value <> 0 AND plan_pct > 0
)
SELECT indicator, scope, scope_key, year, period, period_type, quarter, kind, value, unit, qualifier, plan_pct,
       value / plan_pct * 100 AS implied_annual_plan,
       hb_rounding(value, qualifier) / abs(value) + hb_half_unit(plan_pct) / plan_pct AS implied_plan_rel_error,
       article_url AS source_url, source_published
FROM latest
WHERE recency = 1;

CREATE OR REPLACE VIEW indicator_series AS
WITH preferred AS (
    SELECT *, row_number() OVER (PARTITION BY indicator, scope_key, year, quarter
                                 ORDER BY CASE kind WHEN 'actual' THEN 0 ELSE 1 END) AS preference
    FROM quarterly_indicators
    WHERE period_type = 'Q' AND kind IN ('actual', 'estimate') AND value IS NOT NULL
)
SELECT indicator, scope, scope_key, year, quarter, period, kind, value, unit, yoy_pct, source_url
FROM preferred WHERE preference = 1;

CREATE OR REPLACE VIEW conflicts AS
WITH figures AS (
    SELECT r.*, f.field, f.figure
    FROM indicator_reports r,
         LATERAL (VALUES ('value', r.value), ('yoy_pct', r.yoy_pct), ('mom_pct', r.mom_pct),
                         ('plan_pct', r.plan_pct)) AS f(field, figure)
    WHERE f.figure IS NOT NULL
), value_conflicts AS (
    SELECT 'different_figures' AS conflict_type, a.indicator, a.scope, a.year, a.field,
           a.period AS period_a, b.period AS period_b, a.kind AS kind_a, b.kind AS kind_b,
           a.figure AS figure_a, b.figure AS figure_b,
           hb_rel_diff(a.figure, b.figure) AS rel_diff, 0.001 AS rel_tolerance,
           a.article_url AS url_a, b.article_url AS url_b
    FROM figures a JOIN figures b
      ON a.indicator = b.indicator AND a.period = b.period AND a.kind = b.kind
     AND a.scope_key = b.scope_key AND a.field = b.field AND a.article_url < b.article_url
    WHERE NOT hb_same_figure(a.figure, b.figure)
), plan_conflicts AS (
    SELECT 'implied_plan_moves' AS conflict_type, a.indicator, a.scope, a.year, 'implied_annual_plan' AS field,
           a.period AS period_a, b.period AS period_b, a.kind AS kind_a, b.kind AS kind_b,
           a.implied_annual_plan AS figure_a, b.implied_annual_plan AS figure_b,
           hb_rel_diff(a.implied_annual_plan, b.implied_annual_plan) AS rel_diff,
           a.implied_plan_rel_error + b.implied_plan_rel_error AS rel_tolerance,
           a.source_url AS url_a, b.source_url AS url_b
    FROM plan_progress a JOIN plan_progress b
      ON a.indicator = b.indicator AND a.scope_key = b.scope_key AND a.year = b.year
     AND (a.quarter < b.quarter OR (a.quarter = b.quarter AND a.period < b.period))
    WHERE hb_rel_diff(a.implied_annual_plan, b.implied_annual_plan)
          > a.implied_plan_rel_error + b.implied_plan_rel_error
)
SELECT * FROM value_conflicts
UNION ALL
SELECT * FROM plan_conflicts;

-- Sums that must hold for flows (not for percentages, and not for stocks such as credit
-- outstanding, where the six-month figure is a level, not a sum).
CREATE OR REPLACE VIEW consistency AS
WITH best AS (
    SELECT *, row_number() OVER (PARTITION BY indicator, scope_key, period
                                 ORDER BY CASE kind WHEN 'actual' THEN 0 WHEN 'estimate' THEN 1 ELSE 2 END) AS preference
    FROM quarterly_indicators
    WHERE value IS NOT NULL AND coalesce(unit, '') <> 'percent'
      AND indicator NOT IN ('credit_outstanding', 'deposits_mobilized', 'cpi', 'iip', 'grdp_growth')
), one AS (SELECT * FROM best WHERE preference = 1),
sums(whole, part_a, part_b) AS (VALUES ('H1', 'Q1', 'Q2'), ('H2', 'Q3', 'Q4'), ('YTD09', 'H1', 'Q3')),
checked AS (
    SELECT w.indicator, w.scope, w.year, w.period AS whole_period, w.kind AS whole_kind, w.value AS whole_value,
           s.part_a || ' + ' || s.part_b AS parts, a.period AS part_a_period, b.period AS part_b_period,
           a.kind || ' + ' || b.kind AS parts_kinds,
           a.value AS part_a_value, b.value AS part_b_value, a.value + b.value AS parts_sum,
           w.value - (a.value + b.value) AS difference,
           hb_rounding(w.value, w.qualifier) + hb_rounding(a.value, a.qualifier)
             + hb_rounding(b.value, b.qualifier) AS tolerance,
           w.unit, w.source_url AS whole_url, a.source_url AS part_a_url, b.source_url AS part_b_url
    FROM one w
    JOIN sums s ON w.period = w.year || '-' || s.whole
    JOIN one a ON a.indicator = w.indicator AND a.scope_key = w.scope_key AND a.period = w.year || '-' || s.part_a
    JOIN one b ON b.indicator = w.indicator AND b.scope_key = w.scope_key AND b.period = w.year || '-' || s.part_b
)
SELECT * FROM checked WHERE abs(difference) > tolerance;

-- ----------------------------------------------------------------- view documentation
-- (CREATE OR REPLACE VIEW drops column comments: a later migration that replaces a view
-- must comment its columns again.)

COMMENT ON VIEW indicator_reports IS 'Catalogued figures, one row per article and (indicator, period, kind, scope): the first statement of it in the article';
COMMENT ON COLUMN indicator_reports.article_url IS 'Article the figure was read from';
COMMENT ON COLUMN indicator_reports.source_title IS 'Title of that article';
COMMENT ON COLUMN indicator_reports.source_published IS 'Publication time of that article';
COMMENT ON COLUMN indicator_reports.indicator IS 'Indicator code (indicators.csv)';
COMMENT ON COLUMN indicator_reports.period IS 'Period covered, canonical (2023-Q1, 2023-H1, 2023-M03, 2023-YTD09, 2023)';
COMMENT ON COLUMN indicator_reports.period_type IS 'Q, H, M, YTD or Y';
COMMENT ON COLUMN indicator_reports.year IS 'Year of the period';
COMMENT ON COLUMN indicator_reports.quarter IS 'Quarter in which the period closes (H1 -> 2, YTD09 -> 3, year -> 4)';
COMMENT ON COLUMN indicator_reports.end_month IS 'Last month the period covers';
COMMENT ON COLUMN indicator_reports.kind IS 'actual | estimate | target';
COMMENT ON COLUMN indicator_reports.scope IS 'Scope as written';
COMMENT ON COLUMN indicator_reports.scope_key IS 'Scope lower-cased and trimmed, empty for none: the grouping key';
COMMENT ON COLUMN indicator_reports.value IS 'Level in the canonical unit';
COMMENT ON COLUMN indicator_reports.unit IS 'Canonical unit of value';
COMMENT ON COLUMN indicator_reports.qualifier IS 'over | under | about | nearly, or NULL';
COMMENT ON COLUMN indicator_reports.yoy_pct IS 'Change against the same period a year earlier, percent';
COMMENT ON COLUMN indicator_reports.mom_pct IS 'Change against the previous month or period, percent';
COMMENT ON COLUMN indicator_reports.plan_pct IS 'Share of the plan reached, percent';
COMMENT ON COLUMN indicator_reports.label IS 'Indicator phrase as written';
COMMENT ON COLUMN indicator_reports.sentence IS 'Sentence as written';
COMMENT ON COLUMN indicator_reports.start_offset IS 'Start offset of the statement in articles.body';
COMMENT ON COLUMN indicator_reports.end_offset IS 'End offset of the statement in articles.body';
COMMENT ON COLUMN indicator_reports.metric_id IS 'metrics.metric_id of the row';

COMMENT ON VIEW quarterly_indicators IS 'One row per indicator, period, kind and scope: the figure most articles agree on (within 0.1 %), from the latest of those articles; WHERE year = Y AND quarter = Q gives a quarter (its Q figure, its months, and H/YTD/Y periods closing in it)';
COMMENT ON COLUMN quarterly_indicators.indicator IS 'Indicator code (indicators.csv)';
COMMENT ON COLUMN quarterly_indicators.period IS 'Period covered, canonical';
COMMENT ON COLUMN quarterly_indicators.period_type IS 'Q, H, M, YTD or Y';
COMMENT ON COLUMN quarterly_indicators.year IS 'Year of the period';
COMMENT ON COLUMN quarterly_indicators.quarter IS 'Quarter in which the period closes (H1 -> 2, YTD09 -> 3, year -> 4)';
COMMENT ON COLUMN quarterly_indicators.end_month IS 'Last month the period covers';
COMMENT ON COLUMN quarterly_indicators.kind IS 'actual | estimate | target';
COMMENT ON COLUMN quarterly_indicators.scope IS 'Scope as written in the source article';
COMMENT ON COLUMN quarterly_indicators.scope_key IS 'Scope lower-cased and trimmed, empty for none: the grouping key';
COMMENT ON COLUMN quarterly_indicators.value IS 'Level in the canonical unit, from the source article';
COMMENT ON COLUMN quarterly_indicators.unit IS 'Canonical unit of value';
COMMENT ON COLUMN quarterly_indicators.qualifier IS 'over | under | about | nearly, or NULL';
COMMENT ON COLUMN quarterly_indicators.yoy_pct IS 'Change against the same period a year earlier, percent';
COMMENT ON COLUMN quarterly_indicators.mom_pct IS 'Change against the previous month or period, percent';
COMMENT ON COLUMN quarterly_indicators.plan_pct IS 'Share of the plan reached, percent';
COMMENT ON COLUMN quarterly_indicators.source_url IS 'URL of the latest article giving this figure';
COMMENT ON COLUMN quarterly_indicators.source_title IS 'Title of that article';
COMMENT ON COLUMN quarterly_indicators.source_published IS 'Publication time of that article';
COMMENT ON COLUMN quarterly_indicators.sentence IS 'Sentence the figure comes from';
COMMENT ON COLUMN quarterly_indicators.n_articles IS 'How many articles report this indicator, period, kind and scope';
COMMENT ON COLUMN quarterly_indicators.n_agree IS 'How many of them (the source included) give the same figures within 0.1 % (value, yoy, mom, plan where both give one)';
COMMENT ON COLUMN quarterly_indicators.latest_value IS 'Value in the latest article reporting the group; differs from value when that article is outvoted';

COMMENT ON VIEW plan_progress IS 'Figures with a share of plan (latest article per indicator, period, kind, scope): the annual plan they imply, value / plan_pct * 100, and its rounding error';
COMMENT ON COLUMN plan_progress.indicator IS 'Indicator code';
COMMENT ON COLUMN plan_progress.scope IS 'Scope as written';
COMMENT ON COLUMN plan_progress.scope_key IS 'Scope grouping key';
COMMENT ON COLUMN plan_progress.year IS 'Year of the period (and of the plan)';
COMMENT ON COLUMN plan_progress.period IS 'Period of the figure';
COMMENT ON COLUMN plan_progress.period_type IS 'Q, H, M, YTD or Y';
COMMENT ON COLUMN plan_progress.quarter IS 'Quarter in which the period closes';
COMMENT ON COLUMN plan_progress.kind IS 'actual | estimate | target';
COMMENT ON COLUMN plan_progress.value IS 'Level reached in the period';
COMMENT ON COLUMN plan_progress.unit IS 'Canonical unit of value and of the implied plan';
COMMENT ON COLUMN plan_progress.qualifier IS 'Qualifier of value';
COMMENT ON COLUMN plan_progress.plan_pct IS 'Share of the annual plan reached, percent';
COMMENT ON COLUMN plan_progress.implied_annual_plan IS 'value / plan_pct * 100: the annual plan the figures imply';
COMMENT ON COLUMN plan_progress.implied_plan_rel_error IS 'Relative error of implied_annual_plan from the rounding of the written figures';
COMMENT ON COLUMN plan_progress.source_url IS 'Latest article giving the figure with a share of plan';
COMMENT ON COLUMN plan_progress.source_published IS 'Publication time of that article';

COMMENT ON VIEW indicator_series IS 'Quarterly actual (else estimate) values per indicator and scope, for charts';
COMMENT ON COLUMN indicator_series.indicator IS 'Indicator code';
COMMENT ON COLUMN indicator_series.scope IS 'Scope as written';
COMMENT ON COLUMN indicator_series.scope_key IS 'Scope grouping key';
COMMENT ON COLUMN indicator_series.year IS 'Year';
COMMENT ON COLUMN indicator_series.quarter IS 'Quarter 1-4';
COMMENT ON COLUMN indicator_series.period IS 'Period, e.g. 2023-Q1';
COMMENT ON COLUMN indicator_series.kind IS 'actual, or estimate when no actual figure is held';
COMMENT ON COLUMN indicator_series.value IS 'Level in the canonical unit';
COMMENT ON COLUMN indicator_series.unit IS 'Canonical unit of value';
COMMENT ON COLUMN indicator_series.yoy_pct IS 'Change against the same quarter a year earlier, percent';
COMMENT ON COLUMN indicator_series.source_url IS 'Article the figure comes from';

COMMENT ON VIEW conflicts IS 'Figures that disagree: the same indicator, period, kind and scope given differently by two articles (beyond 0.1 %), or an implied annual plan that moves between periods of a year by more than rounding explains';
COMMENT ON COLUMN conflicts.conflict_type IS 'different_figures | implied_plan_moves';
COMMENT ON COLUMN conflicts.indicator IS 'Indicator code';
COMMENT ON COLUMN conflicts.scope IS 'Scope as written (first article)';
COMMENT ON COLUMN conflicts.year IS 'Year of the periods';
COMMENT ON COLUMN conflicts.field IS 'Which figure disagrees: value, yoy_pct, mom_pct, plan_pct or implied_annual_plan';
COMMENT ON COLUMN conflicts.period_a IS 'Period of the first figure';
COMMENT ON COLUMN conflicts.period_b IS 'Period of the second figure';
COMMENT ON COLUMN conflicts.kind_a IS 'Kind of the first figure';
COMMENT ON COLUMN conflicts.kind_b IS 'Kind of the second figure';
COMMENT ON COLUMN conflicts.figure_a IS 'First figure';
COMMENT ON COLUMN conflicts.figure_b IS 'Second figure';
COMMENT ON COLUMN conflicts.rel_diff IS '|a - b| / max(|a|, |b|)';
COMMENT ON COLUMN conflicts.rel_tolerance IS 'Largest rel_diff rounding explains (0.001 for figures; the summed rounding error for implied plans)';
COMMENT ON COLUMN conflicts.url_a IS 'Article of the first figure';
COMMENT ON COLUMN conflicts.url_b IS 'Article of the second figure';

COMMENT ON VIEW consistency IS 'Sums that do not add up beyond the precision written: H1 vs Q1 + Q2, H2 vs Q3 + Q4, YTD09 vs H1 + Q3 (flows only)';
COMMENT ON COLUMN consistency.indicator IS 'Indicator code';
COMMENT ON COLUMN consistency.scope IS 'Scope as written';
COMMENT ON COLUMN consistency.year IS 'Year';
COMMENT ON COLUMN consistency.whole_period IS 'The longer period, e.g. 2023-H1';
COMMENT ON COLUMN consistency.whole_kind IS 'Kind of the whole figure (actual preferred, then estimate, then target)';
COMMENT ON COLUMN consistency.whole_value IS 'Figure for the longer period';
COMMENT ON COLUMN consistency.parts IS 'The two parts summed, e.g. Q1 + Q2';
COMMENT ON COLUMN consistency.part_a_period IS 'Period of the first part, e.g. 2023-Q1';
COMMENT ON COLUMN consistency.part_b_period IS 'Period of the second part, e.g. 2023-Q2';
COMMENT ON COLUMN consistency.parts_kinds IS 'Kinds of the two parts';
COMMENT ON COLUMN consistency.part_a_value IS 'Figure of the first part';
COMMENT ON COLUMN consistency.part_b_value IS 'Figure of the second part';
COMMENT ON COLUMN consistency.parts_sum IS 'Sum of the parts';
COMMENT ON COLUMN consistency.difference IS 'whole_value - parts_sum';
COMMENT ON COLUMN consistency.tolerance IS 'Largest |difference| the rounding of the three written figures explains';
COMMENT ON COLUMN consistency.unit IS 'Canonical unit';
COMMENT ON COLUMN consistency.whole_url IS 'Article of the whole figure';
COMMENT ON COLUMN consistency.part_a_url IS 'Article of the first part';
COMMENT ON COLUMN consistency.part_b_url IS 'Article of the second part';
