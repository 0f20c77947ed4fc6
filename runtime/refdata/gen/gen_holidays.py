"""Build data/holidays.csv from the python-holidays repository (see README, "Public holidays").

usage: python3 gen_holidays.py HOLIDAYS_DIR OUT_CSV

HOLIDAYS_DIR is a checkout of https://github.com/vacanza/holidays (commit c382fdec456c). The script
runs none of its code: it reads the holiday snapshots (snapshots/countries/<CC>_<SUBDIV>.json, the
library's own output for 1950-2050 in en_US, all categories), parses the country modules with the
standard library's ast to learn which holiday names the public category adds, reads the en_US
translations (.po), and keeps the public holidays of 2015-2035.
"""
import ast, csv, json, os, re, sys

YEARS = range(2015, 2036)
# Snapshot used per country: the whole country (COMMON) except GB, where England's list is taken
# (bank holidays differ by nation; England has 84 % of the UK's people), and CA, where Ontario's is
# (most statutory holidays are provincial; Ontario has 39 % of Canadians).
SUBDIV = {'GB': 'ENG', 'CA': 'ON'}
# Categories kept: public, except the US, whose nationwide days off are the federal holidays,
# the library's "government" category.
CATEGORIES = {'US': ('public', 'government')}
COUNTRIES = ['US', 'GB', 'DE', 'FR', 'BR', 'IN', 'CA', 'AU', 'JP', 'ES', 'IT', 'MX', 'CN', 'NL', 'PL', 'KR',
             'CH', 'SE', 'BE', 'AT', 'IE', 'DK', 'NO', 'PT', 'FI', 'NZ', 'SG', 'ZA', 'AR', 'CO', 'CL', 'TR']


def modules(root):
    """Country code -> module file name, from holidays/registry.py."""
    tree = ast.parse(open(os.path.join(root, 'holidays', 'registry.py'), encoding='utf-8').read())
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign) and getattr(node.target, 'id', '') == 'COUNTRIES':
            d = ast.literal_eval(node.value)
            return {v[1]: k for k, v in d.items()}
    raise SystemExit('COUNTRIES not found in registry.py')


def po(root, code):
    """msgid -> en_US msgstr of a country's translation file (empty when the default language is en_US)."""
    path = os.path.join(root, 'holidays', 'locale', 'en_US', 'LC_MESSAGES', code + '.po')
    out, key, cur, field = {}, None, [], None
    if not os.path.exists(path):
        return out

    def flush():
        if field == 'msgstr' and key:
            out[key] = ''.join(cur) or key
    for line in open(path, encoding='utf-8'):
        line = line.strip()
        if line.startswith('msgid '):
            flush()
            field, cur = 'msgid', [ast.literal_eval(line[6:])]
        elif line.startswith('msgstr '):
            key = ''.join(cur)
            field, cur = 'msgstr', [ast.literal_eval(line[7:])]
        elif line.startswith('"') and field:
            cur.append(ast.literal_eval(line))
    flush()
    return out


def strings(node):
    """Every string constant under node: holiday names are literals, wrapped in tr() where translated."""
    for n in ast.walk(node):
        if isinstance(n, ast.Constant) and isinstance(n.value, str):
            yield n.value


def category_names(path, subdiv):
    """category -> names its populate methods reach; and the class-level label templates."""
    tree = ast.parse(open(path, encoding='utf-8').read())
    methods, specials, templates, var = {}, {}, set(), {}
    classes = [n for n in tree.body if isinstance(n, ast.ClassDef)]
    for cls in classes:
        for item in cls.body:
            if isinstance(item, ast.Assign) and isinstance(item.targets[0], ast.Name):
                var[item.targets[0].id] = set(strings(item.value))
    for cls in classes:
        for item in cls.body:
            if isinstance(item, ast.FunctionDef):
                methods[item.name] = item
            elif isinstance(item, ast.Assign) and isinstance(item.targets[0], ast.Name):
                name = item.targets[0].id
                m = re.fullmatch(r'special_(\w+?)_holidays(_observed)?', name)
                if m:
                    got = specials.setdefault(m.group(1), set())
                    got.update(strings(item.value))
                    for n in ast.walk(item.value):  # names held in class variables
                        if isinstance(n, ast.Name) and n.id in var:
                            got.update(var[n.id])
                elif name.endswith('_label'):
                    templates.update(var[name])

    def reach(start):
        seen, todo, names = set(), [start], set()
        while todo:
            m = todo.pop()
            if m in seen or m not in methods:
                continue
            seen.add(m)
            body = methods[m]
            names.update(strings(ast.Module(body=body.body[1:] if ast.get_docstring(body) else body.body,
                                            type_ignores=[])))
            for n in ast.walk(body):
                if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == 'self':
                    if n.attr in methods:
                        todo.append(n.attr)
                    elif n.attr in var:
                        names.update(var[n.attr])
        return names
    cats = {}
    for name in methods:
        m = re.fullmatch(r'_populate_(\w+)_holidays', name)
        if not m or m.group(1).startswith('subdiv'):
            continue
        cats.setdefault(m.group(1), set()).update(reach(name))
    # _populate_subdiv_holidays adds public days of the country as a whole and of some subdivisions,
    # behind conditions this parse does not evaluate: take its names unless another category has them.
    other = set().union(*(v for k, v in cats.items() if k != 'public'))
    cats.setdefault('public', set()).update(reach('_populate_subdiv_holidays') - other)
    if subdiv:
        for name in methods:
            m = re.fullmatch(r'_populate_subdiv_%s_(\w+)_holidays' % subdiv.lower(), name)
            if m:
                cats.setdefault(m.group(1), set()).update(reach(name))
    # One-off days of the public category (a special election day, China's swapped days off) count;
    # those of other categories (US federal office closures by executive order) do not.
    cats['public'] |= specials.get('public', set())
    return cats, templates


def main(root, out):
    mods = modules(root)
    rows, report = [], []
    for cc in COUNTRIES:
        sub = SUBDIV.get(cc)
        snap = json.load(open(os.path.join(root, 'snapshots', 'countries', '%s_%s.json' % (cc, sub or 'COMMON')),
                              encoding='utf-8'))
        cats, templates = category_names(os.path.join(root, 'holidays', 'countries', mods[cc] + '.py'), sub)
        en = po(root, cc)
        keep = set()
        for cat in CATEGORIES.get(cc, ('public',)):
            keep |= {en.get(s, s) for s in cats.get(cat, ())}
        templates |= {t for t in keep if '%s' in t}
        pats = [re.compile('^' + re.escape(en.get(t, t)).replace('%s', '(.+)') + '$') for t in templates]

        def public(part, depth=3):
            """A kept name, or a label ("X (observed)", "The day preceding X") around one, or a
            substitute day off ("Day off (substituted from 01/26/2025)")."""
            if part in keep:
                return True
            for p in pats:
                m = p.match(part)
                if m and depth and (public(m.group(1), depth - 1) or re.fullmatch(r'[\d/.-]+', m.group(1))):
                    return True
            return False
        left = set()
        n = 0
        for day, names in sorted(snap.items()):
            if int(day[:4]) not in YEARS:
                continue
            kept = []
            for part in names.split('; '):
                # Sweden's list holds every Sunday: a weekly rest day, not a holiday.
                if part != 'Sunday' and public(part):
                    kept.append(part)
                else:
                    left.add(part)
            if kept:
                rows.append((cc, day, '; '.join(kept)))
                n += 1
        report.append((cc, sub or 'COMMON', n, sorted(left)))
    with open(out, 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['country', 'date', 'name'])
        w.writerows(sorted(rows))
    for cc, sub, n, left in report:
        print('%s (%s): %d days in %d-%d; left out (not public): %s' % (cc, sub, n, YEARS[0], YEARS[-1],
                                                                        '; '.join(left) or '-'))


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(*sys.argv[1:])
