"""Build data/bins.csv from binlist/data's ranges.csv (see README, "BINs").

usage: python3 gen_bins.py RANGES_CSV COUNTRIES_CSV OUT_CSV

RANGES_CSV is ranges.csv of https://github.com/binlist/data at commit 7400e175f00d, e.g.
  git --git-dir=/work/.mirror/binlist+data/repo show 7400e175f00daaf64f239101fc382f988c20d46e:ranges.csv
Prints the input's sha256, the rows dropped and why, and a markdown table of the brand and type mix
of the kept BINs per market (pasted into the README).
"""
import collections, csv, hashlib, sys

# binlist "scheme" -> paygen brand. Diners (3 rows) and Maestro (the one Mastercard row outside the
# Mastercard IIN ranges) have no paygen brand and are dropped.
BRANDS = {'visa': 'visa', 'mastercard': 'mastercard', 'amex': 'amex', 'discover': 'discover',
          'jcb': 'jcb', 'unionpay': 'unionpay'}
# Public IIN ranges of each brand, the same as data/bin_ranges.csv: a row whose prefix is outside its
# brand's ranges is dropped.
RANGES = {'visa': [('4', '4')], 'mastercard': [('51', '55'), ('2221', '2720')], 'amex': [('34', '34'), ('37', '37')],
          'discover': [('6011', '6011'), ('644', '649'), ('65', '65')], 'jcb': [('3528', '3589')],
          'unionpay': [('62', '62'), ('8100', '8171')]}
# PAN length when the source leaves number_length empty (ISO/IEC 7812 lengths of each brand's
# standard cards; UnionPay issues 16 to 19 digits, 16 is taken).
DEFAULT_LEN = {'visa': 16, 'mastercard': 16, 'amex': 15, 'discover': 16, 'jcb': 16, 'unionpay': 16}
CAP_MARKET = 200  # BINs kept per country with volume > 0
CAP_OTHER = 5     # BINs kept per other country
MIN_BRAND = 5     # BINs kept per brand of a capped market, where the source has them


def in_brand(prefix, brand):
    return any(lo <= prefix[:len(lo)] <= hi for lo, hi in RANGES[brand])


def spread(rows, k):
    """k rows evenly spaced over rows (sorted by prefix), so the kept mix follows the source's."""
    if len(rows) <= k:
        return rows
    return [rows[i * len(rows) // k] for i in range(k)]


def main(src, countries_csv, out):
    raw = open(src, 'rb').read()
    print('source sha256', hashlib.sha256(raw).hexdigest(), file=sys.stderr)
    volume = {}
    with open(countries_csv, newline='') as f:
        for c in csv.DictReader(f):
            volume[c['code']] = float(c['volume'])
    dropped = collections.Counter()
    by_prefix = collections.defaultdict(list)
    rows = list(csv.DictReader(raw.decode('utf-8').splitlines()))
    for r in rows:
        brand = BRANDS.get(r['scheme'])
        if brand is None:
            dropped['scheme ' + r['scheme']] += 1
            continue
        prefix = r['iin_start'][:6]  # 8-digit starts (Dankort) and range starts reduce to their BIN
        if not in_brand(prefix, brand):
            dropped['prefix outside the %s ranges' % brand] += 1
            continue
        if r['country'] not in volume:
            dropped['unknown country'] += 1
            continue
        typ = 'prepaid' if r['prepaid'] == 'y' else r['type']
        if typ not in ('credit', 'debit', 'prepaid'):
            dropped['unknown type'] += 1
            continue
        length = int(r['number_length']) if r['number_length'] else DEFAULT_LEN[brand]
        by_prefix[prefix].append((brand, typ, r['country'], length))
    bins = []
    for prefix, vs in by_prefix.items():
        if len(set(vs)) > 1:  # the 8-digit ranges of one BIN disagree: keep none of them
            dropped['conflicting 8-digit ranges'] += len(vs)
            continue
        bins.append((prefix,) + vs[0])
    by_country = collections.defaultdict(list)
    for b in sorted(bins):
        by_country[b[3]].append(b)
    kept = []
    for c, bs in by_country.items():
        cap = CAP_MARKET if volume[c] > 0 else CAP_OTHER
        if len(bs) <= cap:
            kept += bs
            continue
        # Each brand keeps its share of the cap, and at least MIN_BRAND BINs where the source has them
        # (the US has 11 Discover BINs among 1,645: an even spread alone would keep one).
        by_brand = collections.defaultdict(list)
        for b in bs:
            by_brand[b[1]].append(b)
        for group in by_brand.values():
            kept += spread(group, max(min(MIN_BRAND, len(group)), round(cap * len(group) / len(bs))))
    kept.sort()
    with open(out, 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['prefix', 'brand', 'type', 'country', 'pan_length'])
        w.writerows(kept)
    print('source rows %d, distinct 6-digit BINs %d, kept %d in %d countries' %
          (len(rows), len(bins), len(kept), len({b[3] for b in kept})), file=sys.stderr)
    for why, n in sorted(dropped.items()):
        print('dropped %d: %s' % (n, why), file=sys.stderr)
    markets = sorted((c for c in volume if volume[c] > 0), key=lambda c: -volume[c])
    print('| country | BINs | visa | mastercard | amex | discover | jcb | unionpay | credit | debit | prepaid |')
    print('|---|---|---|---|---|---|---|---|---|---|---|')
    missing = []
    for c in markets:
        bs = [b for b in kept if b[3] == c]
        if not bs:
            missing.append(c)
            continue
        br = collections.Counter(b[1] for b in bs)
        ty = collections.Counter(b[2] for b in bs)

        def pct(n):
            return '-' if n == 0 else '<1 %' if 100 * n < len(bs) else '%d %%' % round(100 * n / len(bs))
        print('| %s | %d | %s | %s |' % (c, len(bs), ' | '.join(pct(br[x]) for x in BRANDS),
                                          ' | '.join(pct(ty[x]) for x in ('credit', 'debit', 'prepaid'))))
    print('\nmarkets with no BIN in the source: %s' % (', '.join(missing) or 'none'))


if __name__ == '__main__':
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
