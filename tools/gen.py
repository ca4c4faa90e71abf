import json, os
q = lambda s: json.dumps(s, ensure_ascii=False)

def bil(en, zh, ind):
    return f"{ind}en: {q(en)}\n{ind}zh: {q(zh)}\n"

def pack_yaml(P):
    z = P['zone']; root = P['root']
    o = []
    o.append(f"# {P['comment']}\n# Generated layout, maintained by hand: add a list entry = a taxonomy id + a rule (docs/pack-admin-guide.md).\n")
    o.append("apiVersion: xborder/pack/v1\nkind: RulePack\nmetadata:\n")
    o.append(f"  id: {P['id']}\n  version: {P['version']}\n  lineage: zone-{z}\n")
    o.append("  title:\n" + bil(*P['title'], '    '))
    o.append("  issuer:\n" + bil(*P['issuer'], '    '))
    o.append("  instrument:\n    title:\n" + bil(*P['instrument'], '      '))
    if P.get('number'): o.append(f"    number: {q(P['number'])}\n")
    o.append(f"  source: {P['sources'][0]}\n")
    if len(P['sources']) > 1:
        o.append("  sources:\n" + ''.join(f"    - {s}\n" for s in P['sources'][1:]))
    o.append(f"  published: {P['published']}\n")
    eff = f"from: {P['from']}" + (f", to: {P['to']}" if P.get('to') else '')
    o.append(f"  effective: {{ {eff} }}\n  scope: {{ kind: zone, zone: {z} }}\n")
    o.append(f"  coverage:\n    status: {P['coverage']}\n    missing:\n" + ''.join(f"      - {q(m)}\n" for m in P['missing']))
    if P.get('supersedes'): o.append(f"  supersedes: {P['supersedes']}\n")
    o.append(f"  notes: >-\n    {P['notes']}\n")
    o.append("\nparameters:\n  coveredSectors:\n")
    o.append(f"    value: [{', '.join(P['sectors'])}]\n")
    o.append("    description:\n" + bil(*P['sectorsDesc'], '      '))
    o.append(f"    citation: {q(P['listCite'])}\n")
    if P.get('sectorsU'): o.append("    unconfirmed: true\n")
    o.append("\ntaxonomy:\n")
    o.append(f"  {root}: {{ personal: none, title: {{ en: {q(P['rootTitle'][0])}, zh: {q(P['rootTitle'][1])} }} }}\n")
    for e in P['entries']:
        b = f", broader: [{', '.join(e['broader'])}]" if e.get('broader') else ''
        o.append(f"  {e['id']}: {{ personal: {e['personal']}{b}, title: {{ en: {q(e['title'][0])}, zh: {q(e['title'][1])} }} }}\n")
    o.append("\nrules:\n")
    if P.get('positive'):
        o.append(P['positiveRules'])
    else:
        o.append(f"""  # Art 6: in a sector the list covers, data NOT on the list needs none of the three mechanisms.
  - id: {z}.exempt.unlisted
    kind: exemption
    title: {{ en: {q('Covered sector, data not on the ' + P['short'][0])}, zh: {q('属于' + P['short'][1] + '覆盖行业且不在清单内的数据')} }}
    when:
      all:
        - {{ fact: exporter.ciio, equals: false }}
        - {{ fact: exporter.sector, in: {{ param: coveredSectors }} }}
        - {{ fact: data.categories, excludes: {root} }}
        - {{ fact: data.unknownCategoryCount, equals: 0 }}
    subject: exporter.sector
    message:
      en: {q('The exporter is registered in the zone, is not a CIIO, and its sector ({{exporter.sector}}) is covered by the ' + P['short'][0] + '; data outside the list is exempt from the security assessment, standard contract and certification.')}
      zh: {q('出境方在区内注册、非关键信息基础设施运营者，所属行业（{{exporter.sector}}）属于' + P['short'][1] + '覆盖范围；清单外数据免予申报安全评估、订立标准合同、通过认证。')}
    citation: {q('CAC Provisions 2024 Art. 6; ' + P['listCite'])}
""")
    for e in P['entries']:
        if e['kind'] == 'important':
            mech, exm = 'security-assessment', 'false'
            en = f"The data includes an item on the {P['short'][0]} marked important data: {e['title'][0]}."
            zh = f"数据包含{P['short'][1]}列为重要数据的项目：{e['title'][1]}。"
            act = ("Declare a CAC security assessment through the provincial CAC before transferring.", "出境前通过所在地省级网信部门申报数据出境安全评估。")
        else:
            mech, exm = 'contract-or-certification', 'true'
            en = f"The data includes a personal-information item on the {P['short'][0]}: {e['title'][0]}; it stays under the national mechanisms and thresholds."
            zh = f"数据包含{P['short'][1]}所列个人信息项目：{e['title'][1]}；仍适用国家规定的出境机制和数量标准。"
            act = ("Sign and file the CAC standard contract or obtain certification (national Art 5 exemptions and thresholds still apply).", "订立并备案标准合同或通过认证（国家第五条豁免及数量标准仍适用）。")
        o.append(f"""
  - id: {e['id']}
    kind: requirement
    mechanism: {mech}
    exemptible: {exm}
    title: {{ en: {q(e['title'][0])}, zh: {q(e['title'][1])} }}
    when:
      all:
        - {{ fact: exporter.ciio, equals: false }}
        - {{ fact: data.categories, includes: {e['id']} }}
    subject: data.categories
    message:
      en: {q(en)}
      zh: {q(zh)}
    action:
      en: {q(act[0])}
      zh: {q(act[1])}
    citation: {q(e['cite'])}
""")
    if P['coverage'] == 'partial' and not P.get('positive'):
        o.append(f"""
  - id: {z}.obligation.confirm-unlisted
    kind: obligation
    title: {{ en: Confirm the data is not on the full list, zh: 确认数据不在完整清单内 }}
    when:
      all:
        - {{ fact: exporter.ciio, equals: false }}
        - {{ fact: exporter.sector, in: {{ param: coveredSectors }} }}
        - {{ fact: data.categories, excludes: {root} }}
    message:
      en: {q('This pack encodes the ' + P['short'][0] + ' only in part (see its coverage); confirm against the published list (' + P['sources'][0] + ') that no item is listed before relying on the exemption.')}
      zh: {q('本规则包仅部分收录' + P['short'][1] + '（见 coverage）；依赖豁免前请对照已公布清单（' + P['sources'][0] + '）确认数据均未列入。')}
    citation: {q(P['listCite'])}
""")
    return ''.join(o)

def tests_yaml(P):
    z = P['zone']; base = P['testBase']
    cases = P['cases']
    o = [f"apiVersion: xborder/pack-tests/v1\nkind: PackTests\npack: {P['id']}\nbase:\n"]
    o.append(f"""  apiVersion: xborder/v1
  kind: TransferManifest
  id: tm-{z}-test
  date: {base['date']}
  exporter: {{ name: {q(base['name'])}, region: {base['region']}, zone: {z}, ciio: false, sector: {base['sector']} }}
  recipient: {{ name: Example Pte. Ltd., country: SG, kind: company }}
  purpose: {{ basis: consent, activity: other }}
  data:
    - {{ id: customers, categories: [pi.basic, pi.contact], classification: general }}
  personalInformation: {{ individuals: 150000, sensitiveIndividuals: 0 }}
  safeguards: {{ separateConsent: true, pia: {{ completedOn: 2020-01-02 }} }}
cases:
""")
    for c in cases:
        o.append(f"  - name: {q(c[0])}\n")
        if c[1]: o.append(f"    patch: {c[1]}\n")
        o.append(f"    expect: {c[2]}\n")
    return ''.join(o)

def entry_patch(e, sector=None):
    ex = f", exporter: {{ sector: {sector} }}" if sector else ''
    if e['personal'] == 'none':
        return f"{{ data: [{{ id: item, categories: [{e['id']}], classification: general }}], personalInformation: null, purpose: {{ basis: none, activity: manufacturing }}{ex} }}"
    if e['personal'] == 'spi':
        return f"{{ data: [{{ id: item, categories: [{e['id']}], classification: general }}], personalInformation: {{ individuals: 0, sensitiveIndividuals: 5000 }}{ex} }}"
    return f"{{ data: [{{ id: item, categories: [{e['id']}], classification: general }}]{ex} }}"

def standard_cases(P, uncovered, before):
    z = P['zone']; pid = P['id']
    ex = f"{z}.exempt.unlisted"
    obl = f", obligations: [{z}.obligation.confirm-unlisted]" if P['coverage'] == 'partial' else ''
    cs = [
        ("unlisted item in a covered sector: exempt under Art 6", None,
         f"{{ verdict: pass, mechanism: none, rules: [{ex}], exempted: [cn.volume.contract-non-sensitive], packs: [cn-national, {pid}]{obl} }}"),
        ("exporter not registered in the zone: national rules", "{ exporter: { zone: null } }",
         f"{{ verdict: fail, mechanism: contract-or-certification, rules: [cn.volume.contract-non-sensitive], absent: [{ex}] }}"),
        ("CIIO in the zone never benefits", "{ exporter: { ciio: true } }",
         f"{{ verdict: fail, mechanism: security-assessment, rules: [cn.ciio.assessment], absent: [{ex}] }}"),
        (f"uncovered sector ({uncovered}): national rules", f"{{ exporter: {{ sector: {uncovered} }} }}",
         f"{{ verdict: fail, mechanism: contract-or-certification, rules: [cn.volume.contract-non-sensitive], absent: [{ex}] }}"),
        (f"date before the list took effect ({before}): national rules", f"{{ date: {before} }}",
         f"{{ verdict: fail, mechanism: contract-or-certification, rules: [cn.volume.contract-non-sensitive], absent: [{ex}] }}"),
    ]
    seen = set()
    for e in P['entries']:
        key = (e['kind'], e['personal'])
        first = key not in seen
        seen.add(key)
        sec = e.get('sector')
        if e['kind'] == 'important':
            cs.append((f"listed important data {e['id']}: security assessment", entry_patch(e, sec),
                       f"{{ verdict: fail, mechanism: security-assessment, rules: [{e['id']}], absent: [{ex}] }}"))
        elif first and e['personal'] == 'spi':
            cs.append((f"listed sensitive personal information {e['id']}: contract or certification", entry_patch(e, sec),
                       f"{{ verdict: fail, mechanism: contract-or-certification, rules: [{e['id']}, cn.volume.contract-sensitive], absent: [{ex}] }}"))
        elif first:
            cs.append((f"listed personal information {e['id']}: contract or certification", entry_patch(e, sec),
                       f"{{ verdict: fail, mechanism: contract-or-certification, rules: [{e['id']}, cn.volume.contract-non-sensitive], absent: [{ex}] }}"))
            cs.append((f"listed personal information {e['id']} below national thresholds: Art 5(4) still applies",
                       entry_patch(e, sec)[:-2] + ", personalInformation: { individuals: 500 } }",
                       f"{{ verdict: pass, mechanism: none, exempted: [{e['id']}], absent: [{ex}] }}"))
    cs.append(("listed important data with an approved assessment passes",
               entry_patch(next(e for e in P['entries'] if e['kind']=='important'), next(e for e in P['entries'] if e['kind']=='important').get('sector'))[:-2] + ", safeguards: { securityAssessment: { ref: CAC-2025-01, issuedOn: 2025-01-06, validUntil: 2028-01-05 } } }",
               "{ verdict: pass, mechanism: security-assessment }")) if any(e['kind']=='important' for e in P['entries']) else None
    return cs

def write(P, uncovered, before, extra=()):
    d = f"rules/{P['dir']}"
    os.makedirs(d, exist_ok=True)
    stem = P.get('stem', '')
    open(f"{d}/{stem + '.' if stem else ''}pack.yaml", 'w').write(pack_yaml(P))
    P['cases'] = P.get('cases') or (standard_cases(P, uncovered, before) + list(extra))
    open(f"{d}/{stem + '.' if stem else ''}tests.yaml", 'w').write(tests_yaml(P))
