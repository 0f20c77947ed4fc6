# Generates countries.csv and currencies.csv for runtime/refdata/data (kept out of the repo;
# the README documents the derivation).
import csv, json, sys
from datetime import datetime
from zoneinfo import ZoneInfo

out = sys.argv[1]
iso = json.load(open('/usr/share/iso-codes/json/iso_3166-1.json'))['3166-1']
cent = {}
for l in open('centroids_dspl.csv'):
    c, la, lo = l.strip().split(',')
    cent[c] = (float(la), float(lo))

zones = {}
zcoord = {}
for l in open('/usr/share/zoneinfo/zone.tab'):
    if l.startswith('#'):
        continue
    f = l.rstrip('\n').split('\t')
    zones.setdefault(f[0], []).append(f[2])
    zcoord[f[2]] = f[1]

def parse_coord(s):
    # +DDMM+DDDMM or +DDMMSS+DDDMMSS
    i = 1
    while s[i] not in '+-':
        i += 1
    la, lo = s[:i], s[i:]
    def conv(x, degw):
        sign = -1 if x[0] == '-' else 1
        x = x[1:]
        d = int(x[:degw]); m = int(x[degw:degw+2]); sec = int(x[degw+2:degw+4] or 0)
        return sign * (d + m/60 + sec/3600)
    return round(conv(la, 2), 4), round(conv(lo, 3), 4)

zone_override = {
    'US': 'America/New_York', 'CA': 'America/Toronto', 'RU': 'Europe/Moscow', 'AU': 'Australia/Sydney',
    'BR': 'America/Sao_Paulo', 'MX': 'America/Mexico_City', 'AR': 'America/Argentina/Buenos_Aires',
    'CL': 'America/Santiago', 'ES': 'Europe/Madrid', 'PT': 'Europe/Lisbon', 'EC': 'America/Guayaquil',
    'DE': 'Europe/Berlin', 'NZ': 'Pacific/Auckland', 'KI': 'Pacific/Tarawa', 'CD': 'Africa/Kinshasa',
    'MN': 'Asia/Ulaanbaatar', 'UA': 'Europe/Kyiv', 'KZ': 'Asia/Almaty', 'ID': 'Asia/Jakarta',
    'MY': 'Asia/Kuala_Lumpur', 'GL': 'America/Nuuk', 'CY': 'Asia/Nicosia', 'FM': 'Pacific/Pohnpei',
    'PF': 'Pacific/Tahiti', 'UZ': 'Asia/Tashkent', 'CN': 'Asia/Shanghai', 'UM': 'Pacific/Midway',
}
# Centroids from the public dataset that fall in the sea: use the main city (tz database coordinates).
centroid_from_zone = {'NZ', 'PH', 'KI'}

cur = {}
for s in '''AD EUR AE AED AF AFN AG XCD AI XCD AL ALL AM AMD AO AOA AQ USD AR ARS AS USD AT EUR AU AUD AW AWG
AX EUR AZ AZN BA BAM BB BBD BD BDT BE EUR BF XOF BG BGN BH BHD BI BIF BJ XOF BL EUR BM BMD BN BND BO BOB
BQ USD BR BRL BS BSD BT BTN BV NOK BW BWP BY BYN BZ BZD CA CAD CC AUD CD CDF CF XAF CG XAF CH CHF CI XOF
CK NZD CL CLP CM XAF CN CNY CO COP CR CRC CU CUP CV CVE CW XCG CX AUD CY EUR CZ CZK DE EUR DJ DJF DK DKK
DM XCD DO DOP DZ DZD EC USD EE EUR EG EGP EH MAD ER ERN ES EUR ET ETB FI EUR FJ FJD FK FKP FM USD FO DKK
FR EUR GA XAF GB GBP GD XCD GE GEL GF EUR GG GBP GH GHS GI GIP GL DKK GM GMD GN GNF GP EUR GQ XAF GR EUR
GS GBP GT GTQ GU USD GW XOF GY GYD HK HKD HM AUD HN HNL HR EUR HT HTG HU HUF ID IDR IE EUR IL ILS IM GBP
IN INR IO USD IQ IQD IR IRR IS ISK IT EUR JE GBP JM JMD JO JOD JP JPY KE KES KG KGS KH KHR KI AUD KM KMF
KN XCD KP KPW KR KRW KW KWD KY KYD KZ KZT LA LAK LB LBP LC XCD LI CHF LK LKR LR LRD LS LSL LT EUR LU EUR
LV EUR LY LYD MA MAD MC EUR MD MDL ME EUR MF EUR MG MGA MH USD MK MKD ML XOF MM MMK MN MNT MO MOP MP USD
MQ EUR MR MRU MS XCD MT EUR MU MUR MV MVR MW MWK MX MXN MY MYR MZ MZN NA NAD NC XPF NE XOF NF AUD NG NGN
NI NIO NL EUR NO NOK NP NPR NR AUD NU NZD NZ NZD OM OMR PA USD PE PEN PF XPF PG PGK PH PHP PK PKR PL PLN
PM EUR PN NZD PR USD PS ILS PT EUR PW USD PY PYG QA QAR RE EUR RO RON RS RSD RU RUB RW RWF SA SAR SB SBD
SC SCR SD SDG SE SEK SG SGD SH SHP SI EUR SJ NOK SK EUR SL SLE SM EUR SN XOF SO SOS SR SRD SS SSP ST STN
SV USD SX XCG SY SYP SZ SZL TC USD TD XAF TF EUR TG XOF TH THB TJ TJS TK NZD TL USD TM TMT TN TND TO TOP
TR TRY TT TTD TV AUD TW TWD TZ TZS UA UAH UG UGX UM USD US USD UY UYU UZ UZS VA EUR VC XCD VE VES VG USD
VI USD VN VND VU VUV WF XPF WS WST YE YER YT EUR ZA ZAR ZM ZMW ZW ZWG'''.split('\n'):
    f = s.split()
    for i in range(0, len(f), 2):
        cur[f[i]] = f[i+1]

volume = dict(US=30, GB=7, DE=6, FR=5.5, BR=5, IN=4.5, CA=4, AU=3.5, JP=3.2, ES=3, IT=2.8, NL=2.2,
    MX=2.0, KR=1.8, CN=1.8, SE=1.2, CH=1.2, PL=1.2, BE=1.0, TR=1.0, SG=0.9, AE=0.9, IE=0.8, AT=0.8,
    DK=0.7, NO=0.7, ZA=0.7, HK=0.6, SA=0.6, ID=0.6, AR=0.6, CO=0.6, CL=0.6, PT=0.6, TW=0.5, NZ=0.5,
    TH=0.5, MY=0.5, IL=0.5, FI=0.5, PH=0.4, CZ=0.4, GR=0.4, RO=0.3, NG=0.3, VN=0.3, PE=0.3)

names = {'TW': 'Taiwan', 'KR': 'South Korea', 'KP': 'North Korea', 'RU': 'Russia', 'IR': 'Iran',
         'SY': 'Syria', 'VN': 'Vietnam', 'LA': 'Laos', 'MD': 'Moldova', 'BO': 'Bolivia',
         'VE': 'Venezuela', 'TZ': 'Tanzania', 'FM': 'Micronesia', 'PS': 'Palestine'}

jan = datetime(2025, 1, 15, 12); jul = datetime(2025, 7, 15, 12)
rows = []
for c in sorted(iso, key=lambda c: c['alpha_2']):
    a2 = c['alpha_2']
    name = names.get(a2, c.get('common_name', c['name']))
    z = zone_override.get(a2) or (zones[a2][0] if a2 in zones else None)
    if a2 in cent and a2 not in centroid_from_zone:
        lat, lon = cent[a2]
    else:
        lat, lon = parse_coord(zcoord[z])
    if z:
        zi = ZoneInfo(z)
        off = min(int(zi.utcoffset(jan).total_seconds() // 60), int(zi.utcoffset(jul).total_seconds() // 60))
    else:
        off = round(lon / 15) * 60
    if a2 == 'AQ':
        off = 0
    rows.append([a2, name, cur[a2], lat, lon, off, volume.get(a2, 0)])
    if a2 in volume:
        print(a2, name, z, lat, lon, off, file=sys.stderr)
assert len(rows) == 249 and len(cur) == 249, (len(rows), len(cur))
assert set(volume) <= set(cur)
with open(out, 'w', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['code', 'name', 'currency', 'lat', 'lon', 'utc_offset_min', 'volume'])
    w.writerows(rows)
