"""Reference values for FrequentistVerifier's statistics, computed with scipy.

Run once from this directory (python3 reference.py > reference.json); the Java test reads the
numbers and requires its own to match to 1e-9 relative. The data sets are generated here with a
seeded numpy generator and stored with the expected values, so the Java side sees the same data.

Relative lift (as GrowthBook's gbstats computes it in frequentist mode):
  lift = (mean_t - mean_c) / mean_c
  var  = var_t / (mean_c^2 n_t) + var_c mean_t^2 / (mean_c^4 n_c)
  df   = Welch-Satterthwaite on var_t/n_t and var_c/n_c
  p    = 2 t.sf(|lift / sqrt(var)|, df) (gbstats writes 2 (1 - t.cdf(..)), the same number
         where it does not round to 0),  CI = lift -/+ t.ppf(1 - alpha/2, df) sqrt(var)
Absolute difference: Welch's t on the same variances; for sample means it is exactly
scipy.stats.ttest_ind(equal_var=False), which is used (with its confidence_interval) as the reference.
Proportions use the variance p(1 - p); ratio metrics (errors per event) the delta method over tasks.
"""
import json
import sys

import numpy as np
from scipy import stats

rng = np.random.default_rng(20250610)


def welch_df(vt, nt, vc, nc):
    return (vt / nt + vc / nc) ** 2 / (vt ** 2 / (nt ** 2 * (nt - 1)) + vc ** 2 / (nc ** 2 * (nc - 1)))


def relative(mc, vc, nc, mt, vt, nt, alpha):
    lift = (mt - mc) / mc
    var = vt / (mc ** 2 * nt) + vc * mt ** 2 / (mc ** 4 * nc)
    df = welch_df(vt, nt, vc, nc)
    se = np.sqrt(var)
    p = 2 * stats.t.sf(abs(lift / se), df)
    width = stats.t.ppf(1 - alpha / 2, df) * se
    return dict(relative_lift=lift, standard_error=se, degrees_of_freedom=df, p_value=p,
                ci_low=lift - width, ci_high=lift + width)


def absolute_manual(mc, vc, nc, mt, vt, nt, alpha):
    diff = mt - mc
    se = np.sqrt(vt / nt + vc / nc)
    df = welch_df(vt, nt, vc, nc)
    width = stats.t.ppf(1 - alpha / 2, df) * se
    p = 2 * stats.t.sf(abs(diff / se), df)
    return dict(absolute_difference=diff, absolute_ci_low=diff - width, absolute_ci_high=diff + width,
                absolute_p_value=p)


def proportion(name, successes_c, n_c, successes_t, n_t, alpha):
    c = np.array([1.0] * successes_c + [0.0] * (n_c - successes_c))
    t = np.array([1.0] * successes_t + [0.0] * (n_t - successes_t))
    rng.shuffle(c)
    rng.shuffle(t)
    mc, mt = c.mean(), t.mean()
    vc, vt = mc * (1 - mc), mt * (1 - mt)
    expected = dict(control_n=n_c, control_mean=mc, control_variance=vc,
                    treatment_n=n_t, treatment_mean=mt, treatment_variance=vt)
    expected.update(relative(mc, vc, n_c, mt, vt, n_t, alpha))
    expected.update(absolute_manual(mc, vc, n_c, mt, vt, n_t, alpha))
    return dict(name=name, kind="proportion", alpha=alpha, control=c.tolist(), treatment=t.tolist(),
                expected=expected)


def sample_mean(name, c, t, alpha):
    mc, mt = c.mean(), t.mean()
    vc, vt = c.var(ddof=1), t.var(ddof=1)
    expected = dict(control_n=len(c), control_mean=mc, control_variance=vc,
                    treatment_n=len(t), treatment_mean=mt, treatment_variance=vt)
    expected.update(relative(mc, vc, len(c), mt, vt, len(t), alpha))
    welch = stats.ttest_ind(t, c, equal_var=False)
    ci = welch.confidence_interval(confidence_level=1 - alpha)
    expected.update(absolute_difference=mt - mc, absolute_ci_low=ci.low, absolute_ci_high=ci.high,
                    absolute_p_value=welch.pvalue)
    return dict(name=name, kind="mean", alpha=alpha, control=c.tolist(), treatment=t.tolist(), expected=expected)


def ratio_stat(m, d):
    n = len(m)
    mm, md = m.mean(), d.mean()
    vm, vd = m.var(ddof=1), d.var(ddof=1)
    cov = np.cov(m, d, ddof=1)[0, 1]
    mean = m.sum() / d.sum()
    var = vm / md ** 2 - 2 * cov * mm / md ** 3 + mm ** 2 * vd / md ** 4
    return n, mean, var


def ratio(name, mc, dc, mt, dt, alpha):
    nc, meanc, varc = ratio_stat(mc, dc)
    nt, meant, vart = ratio_stat(mt, dt)
    expected = dict(control_n=nc, control_mean=meanc, control_variance=varc,
                    treatment_n=nt, treatment_mean=meant, treatment_variance=vart)
    expected.update(relative(meanc, varc, nc, meant, vart, nt, alpha))
    expected.update(absolute_manual(meanc, varc, nc, meant, vart, nt, alpha))
    return dict(name=name, kind="ratio", alpha=alpha,
                control=dict(numerator=mc.tolist(), denominator=dc.tolist()),
                treatment=dict(numerator=mt.tolist(), denominator=dt.tolist()), expected=expected)


def events_and_errors(n, rate):
    events = rng.integers(3, 25, size=n).astype(float)
    errors = rng.binomial(events.astype(int), rate).astype(float)
    return errors, events


datasets = [
    proportion("success rate, 2000 tasks, +4.5 points", 811, 1012, 836, 988, 0.05),
    proportion("success rate, 77 tasks, alpha 0.10", 22, 40, 26, 37, 0.10),
    proportion("success rate, treatment worse", 450, 600, 420, 610, 0.05),
    sample_mean("duration seconds, log-normal", rng.lognormal(5.0, 0.6, 300), rng.lognormal(4.9, 0.6, 280), 0.05),
    sample_mean("tokens per task, normal, unequal sizes", rng.normal(1800, 400, 50), rng.normal(1650, 250, 65), 0.01),
    ratio("errors per event", *events_and_errors(200, 0.08), *events_and_errors(210, 0.07), 0.05),
]

srm = []
for control, treatment, share in [(1012, 988, 0.5), (600, 400, 0.5), (700, 300, 0.3), (5000, 5210, 0.5)]:
    total = control + treatment
    result = stats.chisquare([control, treatment], f_exp=[total * (1 - share), total * share])
    srm.append(dict(control=control, treatment=treatment, expected_share=share,
                    chi_squared=result.statistic, p_value=result.pvalue))


def holm(pvalues):
    order = np.argsort(pvalues)
    m = len(pvalues)
    adjusted = np.empty(m)
    running = 0.0
    for rank, index in enumerate(order):
        running = max(running, min(1.0, (m - rank) * pvalues[index]))
        adjusted[index] = running
    return adjusted.tolist()


holm_cases = [dict(p_values=p, adjusted=holm(p)) for p in
              ([0.01, 0.04, 0.03, 0.20], [0.5, 0.001], [0.012], [0.3, 0.3, 0.01, 0.02])]


def needed_per_arm(pc, lift, alpha, power):
    pt = pc * (1 + lift)
    if pt >= 1:
        pt = pc * (1 - lift)
    z = stats.norm.ppf(1 - alpha / 2) + stats.norm.ppf(power)
    vc, vt = pc * (1 - pc), pt * (1 - pt)
    return int(np.ceil(z ** 2 * (vt / pc ** 2 + vc * (pt / pc) ** 2 / pc ** 2) / ((pt - pc) / pc) ** 2))


power = [dict(control_rate=pc, relative_lift=lift, alpha=alpha, power=pw,
              needed_per_arm=needed_per_arm(pc, lift, alpha, pw))
         for pc, lift, alpha, pw in [(0.8, 0.05, 0.05, 0.8), (0.5, 0.10, 0.05, 0.8), (0.3, 0.2, 0.01, 0.9),
                                     (0.97, 0.05, 0.05, 0.8)]]

json.dump(dict(generator="core/src/test/resources/verify/reference.py, scipy " + __import__("scipy").__version__,
               datasets=datasets, srm=srm, holm=holm_cases, power=power), sys.stdout, indent=1)
