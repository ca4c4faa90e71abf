import sys; sys.path.insert(0, '/tmp/gen')
from gen import write
AUTO_CITE = "汽车数据安全管理若干规定（试行） Art. 3"
BJ_ISSUER = ("Beijing Municipal Cyberspace Administration, Beijing Municipal Commerce Bureau, Beijing Municipal Government Services and Data Administration", "北京市网信办、北京市商务局、北京市政务服务和数据管理局")
def bj_auto(cite):
    E = lambda k, en, zh, per, br: dict(id=f"beijing.automotive.{k}", title=(en, zh), personal=per, broader=br, kind='important', cite=f"{cite}, automotive; {AUTO_CITE}", sector='automotive')
    return [
        E('sensitive-area-geo', "Automotive: geographic information, people and vehicle flows around military zones, defence units and county-level-and-above Party and government organs", "汽车：军事管理区、国防科工单位以及县级以上党政机关等重要敏感区域的地理信息、人员及车辆流量数据", 'none', ['biz.logistics']),
        E('economic-flow', "Automotive: vehicle-flow and logistics data reflecting economic operation", "汽车：反映经济运行情况的车辆流量、物流等数据", 'none', ['biz.logistics']),
        E('charging-network', "Automotive: operation data of the vehicle charging network", "汽车：汽车充电网运行数据", 'none', ['biz.operations']),
        E('exterior-video', "Automotive: exterior video and images containing faces, license plates or road signs", "汽车：包含人脸信息、车牌信息等的车外视频、图像数据", 'spi', ['spi.biometric']),
        E('connected-service', "Automotive: key connected-vehicle service data (remote control, vehicle condition)", "汽车：车联网关键服务数据（远程控制、车况等）", 'none', ['biz.technical']),
        E('ota-control', "Automotive: OTA data with vehicle-control content; after-sales ECU data", "汽车：含车辆控制内容的OTA数据、售后ECU数据", 'none', ['biz.technical']),
        E('supply-chain', "Automotive: supply-chain, attack-relevant and CII-related data", "汽车：供应链、可被攻击利用及关键信息基础设施相关数据", 'none', ['biz.operations']),
    ]

# ── Tianjin ──
T = dict(zone='tianjin', dir='zone-tianjin', id='zone-tianjin-2024', version='2024.1.0', root='tianjin',
  comment="Tianjin FTZ outbound data management list (negative list), 2024 edition: the first FTZ list (CAC 2024 Art 6).",
  title=("Tianjin FTZ negative list for outbound data (2024 edition)", "中国（天津）自由贸易试验区数据出境管理清单（负面清单）（2024版）"),
  issuer=("Tianjin FTZ administration, with the Tianjin cyberspace and commerce authorities", "中国（天津）自由贸易试验区管理委员会及天津市网信、商务部门"),
  instrument=("Tianjin FTZ Outbound Data Management List (Negative List) (2024 Edition)", "中国（天津）自由贸易试验区数据出境管理清单（负面清单）（2024版）"),
  number=None, sources=["https://secrss.com/articles/65971", "https://invest.teda.gov.cn/contents/185/3448.html", "http://www.sdzjhg.com/CN/10475/fe9b1389770f49df.aspx", "http://www.handmsg.com/page/2025/0713/29014244.shtml"],
  published='2024-05-09', **{'from': '2024-05-09'}, coverage='partial',
  missing=["13 classes / 46 sub-classes: only sub-class 电子信息 (electronic information, industrial class) is encoded; the other 45 sub-classes' features and examples are not in the stored sources",
           "Effective date: the notice (8 May 2024, published 9 May 2024) is taken to apply from publication [U]",
           "Mapping of the 13 cross-sector classes to manifest sector ids is ours (coveredSectors parameter, unconfirmed)"],
  notes="Tianjin's list is a cross-sector catalogue (class → sub-class → basic features → examples) without scenarios. State secrets, core data and government data stay under general law. Not for CIIOs (KWM). The sectors treated as covered are a parameter because the catalogue's classes do not map one-to-one onto manifest sectors.",
  sectors=['manufacturing', 'software', 'automotive', 'icv', 'aerospace', 'banking', 'insurance', 'payments', 'public-funds', 'logistics', 'shipping', 'civil-aviation', 'healthcare', 'pharmaceutical', 'medical-devices', 'biomedicine', 'ecommerce'],
  sectorsU=True, sectorsDesc=("Sectors taken as covered by the list's 13 classes (industrial, financial, transport, public health, internet services & e-commerce, science & technology ...); mapping is ours, unconfirmed.", "视为清单13个大类（工业、金融、交通运输、公共卫生、互联网服务和电子商务、科学技术等）所覆盖的行业；对应关系为本项目整理，未经确认。"),
  listCite="Tianjin FTZ negative list (2024)", short=("Tianjin FTZ negative list", "天津自贸试验区负面清单"),
  rootTitle=("entries of the Tianjin FTZ negative list (2024)", "天津自贸试验区负面清单（2024版）条目"),
  entries=[dict(id='tianjin.industrial.electronic-information', title=("Electronic information: key chip and OS parameters, source code, IC layouts, test data, sales to defence or government", "电子信息：关键芯片和操作系统参数、源代码、集成电路版图、测试数据、面向国防或政府的销售数据"), personal='none', broader=['biz.technical'], kind='important', cite="Tianjin FTZ negative list (2024), industrial class, sub-class 电子信息")],
  testBase=dict(date='2025-06-02', name='天津示例电子有限公司', region='CN-TJ', sector='manufacturing'))
write(T, 'retail', '2024-05-08')

# ── Beijing 2024 ──
B = dict(zone='beijing', dir='zone-beijing', id='zone-beijing-2024', version='2024.1.0', root='beijing',
  comment="Beijing FTZ negative list for outbound data (2024 edition) + management measures (trial), effective 30 Aug 2024.",
  title=("Beijing FTZ negative list for outbound data (2024 edition)", "中国（北京）自由贸易试验区数据出境负面清单管理办法（试行）及负面清单（2024版）"),
  issuer=BJ_ISSUER, instrument=("Beijing FTZ Data Outbound Negative List Management Measures (Trial) and Negative List (2024 Edition)", "中国（北京）自由贸易试验区数据出境负面清单管理办法（试行）和负面清单（2024版）"),
  number=None, sources=["https://hankunlaw.com/portal/article/index/cid/8/id/14556.html", "https://www.tahota.com/CN/article.aspx?KeyID=be1d18b11364d800&mdid=a0e7af4c81ffb246", "https://riskandcompliance.freshfields.com/post/102jlub/beijing-ftz-publishes-rules-for-important-data", "http://che.yuansudz.com/news/6966390.html"],
  published='2024-08-30', **{'from': '2024-08-30', 'to': '2026-05-11'}, coverage='partial',
  missing=["23 scenarios / 198 fields: only the 7 automotive important-data categories are encoded; pharmaceuticals, retail & modern services, civil aviation and AI-training entries are not in the stored sources",
           "Relaxed PI thresholds in 4 sectors (exact figures unconfirmed): listed PI follows national thresholds",
           "Important-data reference rules (13 classes / 41 sub-classes annex) not encoded"],
  notes="Scenario-based, field-level list; the zone confirmed it only applies to the 23 scenarios it regulates (Freshfields), so sectors outside coveredSectors stay under national rules. Automotive excludes autonomous-driving firms (exporter.sector icv is not covered). Superseded by the 'two zones' list: effective.to is 2026-05-11, the date of that list, whose year is unconfirmed [U].",
  sectors=['automotive', 'pharmaceutical', 'retail', 'civil-aviation', 'ai-training'],
  sectorsDesc=("The 5 sectors of the 2024 list: automotive (not autonomous driving), pharmaceuticals, retail & modern services, civil aviation, AI training data.", "2024版清单5个领域：汽车（不含自动驾驶）、医药、零售和现代服务、民航、人工智能训练数据。"),
  listCite="Beijing FTZ negative list (2024)", short=("Beijing FTZ negative list (2024)", "北京自贸试验区负面清单（2024版）"),
  rootTitle=("entries of the Beijing FTZ negative lists", "北京自贸试验区负面清单条目"),
  entries=bj_auto("Beijing FTZ negative list (2024)"),
  testBase=dict(date='2025-06-02', name='北京示例零售有限公司', region='CN-BJ', sector='retail'))
write(B, 'education', '2024-08-29')

# ── Beijing two zones ──
B.pop('cases')
B2 = dict(B, stem='two-zones-2026', id='zone-beijing-2026', version='2026.1.0', supersedes='zone-beijing-2024',
  comment="Beijing 'two zones' negative list (2025 edition), city-wide (FTZ + services-opening demonstration zone), 9 sectors.",
  title=("Beijing 'two zones' negative list for outbound data (2025 edition)", "北京“两区”数据出境负面清单（2025版）"),
  instrument=("Beijing 'Two Zones' Data Outbound Negative List (2025 Edition)", "北京“两区”数据出境负面清单（2025版）"),
  sources=["https://english.beijing.gov.cn/latest/news/202605/t20260525_4664345.html", "https://datacompliancechina.com/posts/compliance-talker-ftz-negative-lists-important-data/"],
  published='2026-05-11', **{'from': '2026-05-11', 'to': None}, coverage='partial',
  missing=["Effective date: issued 'May 11', year unconfirmed [U]; 2026-05-11 is taken from the Beijing government page dated 2026-05-25",
           "67 scenarios / 612 fields: only the 7 automotive important-data categories (carried over from 2024) are encoded",
           "New sectors (medical devices, autonomous driving / ICV, trade & logistics, banking): entries not in the stored sources",
           "Lists of other provinces 'can be applied': not encoded"],
  notes="Year of the 2025-edition list is unconfirmed [U]: encoded as effective 2026-05-11 per the source page (dated 2026-05-25); the 2024 pack ends that day. Change both dates together if the year turns out to be 2025. Applies city-wide, but a zone id only exists for 'beijing'.",
  sectors=['automotive', 'pharmaceutical', 'retail', 'civil-aviation', 'ai-training', 'medical-devices', 'icv', 'trade', 'logistics', 'banking'],
  sectorsDesc=("The 9 sectors of the 'two zones' list: the 5 of 2024 plus medical devices, autonomous driving / ICV, trade & logistics, banking.", "“两区”清单9个领域：2024版5个领域及医疗器械、自动驾驶/智能网联汽车、贸易物流、银行。"),
  listCite="Beijing 'two zones' negative list (2025 edition)", short=("Beijing 'two zones' negative list", "北京“两区”负面清单"),
  entries=bj_auto("Beijing 'two zones' negative list (2025 edition)"),
  testBase=dict(date='2026-06-01', name='北京示例器械有限公司', region='CN-BJ', sector='medical-devices'))
write(B2, 'education', '2026-05-10')

# ── Shanghai FTZ (incl. Lingang) negative list ──
S = dict(zone='shanghai', dir='zone-shanghai', id='zone-shanghai-2025', version='2025.1.0', root='shanghai',
  comment="Shanghai FTZ and Lingang negative list for outbound data (2024 edition) + measures + guide, effective 8 Feb 2025. Binds exporters registered in shanghai and shanghai-lingang.",
  title=("Shanghai FTZ and Lingang negative list for outbound data (2024 edition)", "中国（上海）自由贸易试验区及临港新片区数据出境负面清单（2024版）"),
  issuer=("Shanghai FTZ administration and Lingang Special Area administration, with the Shanghai cyberspace authority", "中国（上海）自由贸易试验区管委会、临港新片区管委会及上海市网信部门"),
  instrument=("Shanghai FTZ and Lingang Data Outbound Negative List (2024 Edition) with management measures and implementation guide", "中国（上海）自由贸易试验区及临港新片区数据出境负面清单（2024版）及管理办法、实施指引"),
  number=None, sources=["https://mondaq.com/china/international-law/1594892/", "https://www.kwm.com/cn/zh/insights/latest-thinking/negative-list-for-data-exit-in-shanghai-ftz-exploration-practice-and-outlook.html", "https://ccpitbj.org/web/static/articles/catalog_40fcc0367c729df20181af782c2307f1/article_ff8080818e8a79a50194f3ae824126d6/ff8080818e8a79a50194f3ae824126d6.html"],
  published='2025-02-08', **{'from': '2025-02-08'}, coverage='partial',
  missing=["Only international shipping is confirmed as a covered sector; reinsurance and commerce/trade are reported [U] and not in coveredSectors",
           "Field-level entries are not in the stored sources: the shipping entries are encoded at the level the sources describe (sensitive-PI examples; important-data features)",
           "KWM dates the documents 16 May 2024, other sources release and effect on 8 Feb 2025: 2025-02-08 is used"],
  notes="Applies only to processors registered in the Shanghai FTZ or Lingang and exporting there; not to CIIOs; the exemption only within listed sectors (mondaq). An exporter registered in shanghai-lingang also gets this pack (src/model/zones.ts), so the negative list is written once.",
  sectors=['shipping'],
  sectorsDesc=("Sectors the Shanghai list is confirmed to cover. Add insurance (reinsurance) or trade once confirmed.", "已确认上海清单覆盖的行业；再保险、商贸等经确认后再加入。"),
  listCite="Shanghai FTZ negative list (2024 edition)", short=("Shanghai FTZ negative list", "上海自贸试验区负面清单"),
  rootTitle=("entries of the Shanghai FTZ negative list", "上海自贸试验区负面清单条目"),
  entries=[dict(id='shanghai.shipping.important-features', title=("International shipping: data with the list's important-data features (port, vessel and route operations at scale)", "国际航运：具有清单所列重要数据特征的数据（规模化的港口、船舶及航线运营数据）"), personal='none', broader=['biz.logistics'], kind='important', cite="Shanghai FTZ negative list (2024 edition), international shipping, important data"),
           dict(id='shanghai.shipping.crew-sensitive-pi', title=("International shipping: sensitive personal information listed as examples (crew and passenger identity documents)", "国际航运：清单示例所列敏感个人信息（船员及旅客身份证件信息）"), personal='spi', broader=['spi.identity'], kind='pi', cite="Shanghai FTZ negative list (2024 edition), international shipping, personal information")],
  testBase=dict(date='2025-06-02', name='上海示例航运有限公司', region='CN-SH', sector='shipping'))
write(S, 'retail', '2025-02-07')

# ── Hainan ──
H = dict(zone='hainan', dir='zone-hainan', id='zone-hainan-2024', version='2024.1.0', root='hainan',
  comment="Hainan FTP outbound data management list (negative list), 2024 edition, announced 19 Feb 2025.",
  title=("Hainan Free Trade Port negative list for outbound data (2024 edition)", "海南自由贸易港数据出境管理清单（负面清单）（2024版）"),
  issuer=("Hainan Provincial Cyberspace Administration (filed with the CAC and the National Data Administration)", "海南省网信办（已报国家网信办、国家数据局备案）"),
  instrument=("Hainan Free Trade Port Outbound Data Management List (Negative List) (2024 Edition)", "海南自由贸易港数据出境管理清单（负面清单）（2024版）"),
  number=None, sources=["http://big5.news.cn/gate/big5/hq.news.cn/20250220/a4da56abf5da4cb3a54de87684a99b6e/c.html", "http://www.hkwb.net/news/content/2026-01/26/content_4351170.htm"],
  published='2025-02-19', **{'from': '2025-02-19'}, coverage='partial',
  missing=["14 scenarios: data sub-classes are encoded at the scenario level the sources name; field-level descriptions are not in the stored sources",
           "Tourism entries not in the sources",
           "Effective date taken as the announcement date (19 Feb 2025) [U]"],
  notes="Five fields: deep sea, aerospace, seed industry, tourism, duty-free retail (PI rules). Which sub-classes are important data vs PI follows the sources' field descriptions; duty-free entries are PI.",
  sectors=['deep-sea', 'aerospace', 'seed-industry', 'tourism', 'duty-free'],
  sectorsDesc=("The 5 fields of the Hainan list.", "海南清单5个领域：深海、航天、种业、旅游、免税零售。"),
  listCite="Hainan FTP negative list (2024 edition)", short=("Hainan FTP negative list", "海南自贸港负面清单"),
  rootTitle=("entries of the Hainan FTP negative list", "海南自贸港负面清单条目"),
  entries=[dict(id='hainan.deep-sea.exploration', title=("Deep sea: exploration, environmental monitoring, communication and navigation data", "深海：勘探、环境监测、通信导航数据"), personal='none', broader=['biz.research'], kind='important', cite="Hainan FTP negative list (2024 edition), deep sea", sector='deep-sea'),
           dict(id='hainan.aerospace.remote-sensing', title=("Aerospace: remote-sensing and international-cooperation data", "航天：遥感及国际合作数据"), personal='none', broader=['biz.technical'], kind='important', cite="Hainan FTP negative list (2024 edition), aerospace", sector='aerospace'),
           dict(id='hainan.seed.germplasm', title=("Seed industry: germplasm resource data through to business operations", "种业：种质资源至经营环节数据"), personal='none', broader=['biz.research'], kind='important', cite="Hainan FTP negative list (2024 edition), seed industry", sector='seed-industry'),
           dict(id='hainan.duty-free.customer-pi', title=("Duty-free retail: customers' personal information", "免税零售：顾客个人信息"), personal='pi', broader=['pi.basic'], kind='pi', cite="Hainan FTP negative list (2024 edition), duty-free retail", sector='duty-free')],
  testBase=dict(date='2025-06-02', name='海南示例免税品有限公司', region='CN-HI', sector='duty-free'))
write(H, 'retail', '2025-02-18')

# ── Zhejiang ──
Z = dict(zone='zhejiang', dir='zone-zhejiang', id='zone-zhejiang-2024', version='2024.1.0', root='zhejiang',
  comment="Zhejiang FTZ negative list for outbound data (2024 edition) + measures (trial), published 10 Apr 2025: B2B e-commerce and clearing & settlement.",
  title=("Zhejiang FTZ negative list for outbound data (2024 edition)", "中国（浙江）自由贸易试验区数据出境负面清单（2024版）"),
  issuer=("Zhejiang Provincial Cyberspace Administration and Zhejiang FTZ authorities", "浙江省网信办及浙江自贸试验区相关部门"),
  instrument=("Zhejiang FTZ Data Outbound Negative List (2024 Edition) and management measures (trial)", "中国（浙江）自由贸易试验区数据出境负面清单（2024版）及管理办法（试行）"),
  number=None, sources=["https://xjnnet.net/caijing/caijingyaowen/2025-04-11/50941.html", "https://zhousa.com/archives/79523.html"],
  published='2025-04-10', **{'from': '2025-04-10'}, coverage='partial',
  missing=["134 data items in 8 scenarios: encoded at scenario level (one important-data and one PI entry); the item-level list is not in the stored sources",
           "Which scenario items are important data vs PI is not in the sources: the two entries follow the list's two data types [U]",
           "Effective date taken as the publication date (10 Apr 2025) [U]"],
  notes="First list for B2B e-commerce and clearing & settlement; 2 sectors, 2 data types (important data, PI), 8 scenarios: cross-border e-commerce platforms, merchants, cross-border payment, logistics, bank-card clearing, membership-benefit services, business cards, global collection/payment.",
  sectors=['ecommerce', 'clearing-settlement'],
  sectorsDesc=("The 2 sectors of the Zhejiang list: B2B cross-border e-commerce, clearing & settlement.", "浙江清单2个领域：跨境电商（B2B）、清算结算。"),
  listCite="Zhejiang FTZ negative list (2024 edition)", short=("Zhejiang FTZ negative list", "浙江自贸试验区负面清单"),
  rootTitle=("entries of the Zhejiang FTZ negative list", "浙江自贸试验区负面清单条目"),
  entries=[dict(id='zhejiang.clearing.bank-card-clearing', title=("Clearing & settlement: bank-card clearing data at scale", "清算结算：规模化的银行卡清算数据"), personal='none', broader=['biz.operations'], kind='important', cite="Zhejiang FTZ negative list (2024 edition), bank-card clearing scenario", sector='clearing-settlement'),
           dict(id='zhejiang.ecommerce.cardholder-pi', title=("E-commerce and payment: cardholder and payer personal information", "电商与支付：持卡人及付款人个人信息"), personal='pi', broader=['pi.basic'], kind='pi', cite="Zhejiang FTZ negative list (2024 edition), cross-border payment scenario", sector='ecommerce')],
  testBase=dict(date='2025-06-02', name='杭州示例电子商务有限公司', region='CN-ZJ', sector='ecommerce'))
write(Z, 'retail', '2025-04-09')

# ── Chongqing ──
C = dict(zone='chongqing', dir='zone-chongqing', id='zone-chongqing-2025', version='2025.1.0', root='chongqing',
  comment="Chongqing FTZ negative list for outbound data (2025 edition) + measures (trial, 23 arts) + operating guideline; first batch: intelligent connected (new-energy) vehicles. 2-year trial.",
  title=("Chongqing FTZ negative list for outbound data (2025 edition)", "中国（重庆）自由贸易试验区数据出境负面清单（2025版）"),
  issuer=("Chongqing Big Data Application Development Administration, with the Chongqing cyberspace authority", "重庆市大数据应用发展管理局及重庆市网信部门"),
  instrument=("Chongqing FTZ Data Outbound Negative List (2025 Edition) and management measures (trial)", "中国（重庆）自由贸易试验区数据出境负面清单（2025版）及管理办法（试行）"),
  number=None, sources=["http://dsjj.cq.gov.cn/zwgk_533/zcjd/bmjd/202509/t20250912_15001416.html", "http://www.sdzjhg.com/JP/10531/DC83CB119377EF34.aspx"],
  published='2025-09-01', **{'from': '2025-09-01', 'to': '2027-09-01'}, coverage='partial',
  missing=["First batch (ICV) fields are not in the stored sources: the entry encodes the national automotive important-data category the ICV list necessarily includes",
           "One source gives 5 Sep 2025 instead of 1 Sep 2025",
           "2-year trial: effective.to 2027-09-01; a successor list must be added as a new pack in the lineage"],
  notes="First batch covers intelligent connected (new-energy) vehicles only; other sectors stay under national rules.",
  sectors=['icv'],
  sectorsDesc=("First batch: intelligent connected (new-energy) vehicles.", "首批：智能网联（新能源）汽车。"),
  listCite="Chongqing FTZ negative list (2025 edition)", short=("Chongqing FTZ negative list", "重庆自贸试验区负面清单"),
  rootTitle=("entries of the Chongqing FTZ negative list", "重庆自贸试验区负面清单条目"),
  entries=[dict(id='chongqing.icv.exterior-video', title=("ICV: exterior video and images containing faces or license plates", "智能网联汽车：含人脸、车牌信息的车外视频和图像"), personal='spi', broader=['spi.biometric'], kind='important', cite=f"Chongqing FTZ negative list (2025 edition), ICV; {AUTO_CITE}(4)")],
  testBase=dict(date='2025-10-06', name='重庆示例汽车有限公司', region='CN-CQ', sector='icv'))
write(C, 'retail', '2025-08-31')
