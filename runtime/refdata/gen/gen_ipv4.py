"""Build data/ipv4_blocks.csv and data/country_rir.csv (see README, "IPv4 blocks").

usage: python3 gen_ipv4.py IPVERSE_DIR IANA_CSV COUNTRIES_CSV OUT_BLOCKS OUT_RIR

IPVERSE_DIR holds country/<cc>/ipv4-aggregated.txt of https://github.com/ipverse/rir-ip (now
ipverse/country-ip-blocks) at commit 6745bab5f398; IANA_CSV is IANA's ipv4-address-space.csv.
Prints, per market, the blocks kept and the share of the country's address space they cover.
"""
import collections, csv, hashlib, ipaddress, os, sys

CAP_MARKET = 150  # ranges kept per country with volume > 0
CAP_OTHER = 12    # ranges kept per other country
RIRS = {'whois.arin.net': 'arin', 'whois.ripe.net': 'ripencc', 'whois.apnic.net': 'apnic',
        'whois.lacnic.net': 'lacnic', 'whois.afrinic.net': 'afrinic'}
# Not globally routable (RFC 6890 and friends), as in ip.go: never kept.
NON_PUBLIC = ['0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12',
              '192.0.0.0/24', '192.0.2.0/24', '192.88.99.0/24', '192.168.0.0/16', '198.18.0.0/15',
              '198.51.100.0/24', '203.0.113.0/24', '224.0.0.0/4', '240.0.0.0/4']


def minus(lo, hi, holes):
    """Parts of [lo, hi) outside every hole [a, b)."""
    parts = [(lo, hi)]
    for a, b in holes:
        nxt = []
        for x, y in parts:
            if b <= x or a >= y:
                nxt.append((x, y))
                continue
            if x < a:
                nxt.append((x, a))
            if b < y:
                nxt.append((b, y))
        parts = nxt
    return parts


def main(ipverse, iana_csv, countries_csv, out_blocks, out_rir):
    volume = {}
    with open(countries_csv, newline='') as f:
        for c in csv.DictReader(f):
            volume[c['code']] = float(c['volume'])
    rir_of_slash8 = {}
    with open(iana_csv, newline='') as f:
        for r in csv.DictReader(f):
            if r['WHOIS'] in RIRS:
                rir_of_slash8[int(r['Prefix'].split('/')[0])] = RIRS[r['WHOIS']]
    holes = []
    for n in NON_PUBLIC:
        net = ipaddress.ip_network(n)
        holes.append((int(net.network_address), int(net.network_address) + net.num_addresses))
    digest = hashlib.sha256()
    ranges = {}  # country -> merged [lo, hi) ranges
    for cc in sorted(os.listdir(os.path.join(ipverse, 'country'))):
        code = cc.upper()
        path = os.path.join(ipverse, 'country', cc, 'ipv4-aggregated.txt')
        if not os.path.exists(path):
            continue
        raw = open(path, 'rb').read()
        digest.update(raw)
        if code not in volume:
            print('skipped %s: not an ISO 3166-1 code in countries.csv' % code, file=sys.stderr)
            continue
        spans = []
        for line in raw.decode().split('\n'):
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            net = ipaddress.ip_network(line)
            lo = int(net.network_address)
            spans += minus(lo, lo + net.num_addresses, holes)
        spans.sort()
        merged = []
        for lo, hi in spans:
            if merged and lo <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        if merged:
            ranges[code] = merged
    print('source sha256 (ipv4-aggregated.txt files in name order)', digest.hexdigest(), file=sys.stderr)

    kept, rir = [], {}
    report = []
    for code, rs in sorted(ranges.items()):
        per_rir = collections.Counter()
        for lo, hi in rs:
            # a range may cross /8 boundaries: count each /8's part
            x = lo
            while x < hi:
                end = min(hi, ((x >> 24) + 1) << 24)
                per_rir[rir_of_slash8.get(x >> 24, '')] += end - x
                x = end
        per_rir.pop('', None)
        if per_rir:
            rir[code] = per_rir.most_common(1)[0][0]
        cap = CAP_MARKET if volume[code] > 0 else CAP_OTHER
        top = sorted(rs, key=lambda r: (-(r[1] - r[0]), r[0]))[:cap]
        total = sum(hi - lo for lo, hi in rs)
        cover = sum(hi - lo for lo, hi in top)
        kept += [(lo, hi - lo, code) for lo, hi in top]
        if volume[code] > 0:
            report.append((code, len(rs), len(top), total, cover))
    kept.sort()
    for a, b in zip(kept, kept[1:]):
        assert a[0] + a[1] <= b[0], 'overlap %s %s' % (a, b)
    with open(out_blocks, 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['country', 'start', 'size'])
        for lo, size, code in kept:
            w.writerow([code, str(ipaddress.ip_address(lo)), size])
    with open(out_rir, 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['country', 'rir'])
        for code in sorted(rir):
            w.writerow([code, rir[code]])
    missing = sorted(c for c in volume if c not in ranges)
    print('countries with IPv4 space %d, blocks kept %d; no IPv4 space in the source: %s' %
          (len(ranges), len(kept), ' '.join(missing)), file=sys.stderr)
    print('RIR countries: %s' % dict(collections.Counter(rir.values())), file=sys.stderr)
    print('| country | RIR | ranges | kept | addresses | kept share |')
    print('|---|---|---|---|---|---|')
    for code, n, k, total, cover in sorted(report, key=lambda r: -volume[r[0]]):
        print('| %s | %s | %d | %d | %d | %.1f %% |' % (code, rir.get(code, ''), n, k, total, 100 * cover / total))


if __name__ == '__main__':
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    main(*sys.argv[1:])
