/**
 * The Traditional Chinese edition (issue 16), built with the zh-Hans edition by one build of the
 * real report: the same print checks as report.test.ts (contents' numbers, outline, tags, fonts,
 * byte-identical rebuild), no Simplified text left, and every figure of the zh-Hans edition
 * present in the zh-Hant edition with its localised unit.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { build, type BuildResult } from '../../pipeline/build/build.ts';
import { checkInputs } from '../../pipeline/check/check-inputs.ts';
import { loadLocaleEditions } from '../../pipeline/check/load-locale-editions.ts';
import { defaultProject, repoRoot, type Project } from '../../pipeline/core/project.ts';
import { readInputs } from '../../pipeline/core/read-inputs.ts';
import { formatQuantity } from '../../pipeline/model/format.ts';
import { conversionFor, simplifiedLeft } from '../../pipeline/model/script-conversion.ts';
import { rangeStyleOf } from '../../pipeline/model/vocabulary.ts';
import { quietEffects } from '../helpers/fixture.ts';
import { linkTargets, pdfStructure, readPdf, squash } from '../helpers/pdf.ts';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 400_000 });

let project: Project;
let result: BuildResult;
let hansBytes: Uint8Array;
let hantBytes: Uint8Array;
let hans: Awaited<ReturnType<typeof readPdf>>;
let hant: Awaited<ReturnType<typeof readPdf>>;
const read = (name: string) => new Uint8Array(readFileSync(join(project.outDir, name)));

beforeAll(async () => {
  project = defaultProject(repoRoot, { outDir: mkdtempSync(join(tmpdir(), 'report-hant-')) });
  result = await build(project, quietEffects);
  [hansBytes, hantBytes] = [read('report.pdf'), read('report.zh-Hant.pdf')];
  [hans, hant] = await Promise.all([readPdf(hansBytes), readPdf(hantBytes)]);
});

describe('one build makes both editions', () => {
  it('writes report.pdf and report.zh-Hant.pdf (+ .html), and edition.json records both', () => {
    const locales = result.manifest.locales!;
    expect(Object.keys(locales).sort()).toEqual(['zh-Hans', 'zh-Hant']);
    for (const [file, bytes] of [['report.pdf', hansBytes], ['report.zh-Hant.pdf', hantBytes]] as const) {
      const r = Object.values(locales).find((l) => l.file === file)!;
      expect(r.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(r.bytes).toBe(bytes.byteLength);
    }
    expect(locales['zh-Hant'].pages).toBe(hant.numPages);
    expect(locales['zh-Hans'].pages).toBe(hans.numPages);
    expect(readFileSync(join(project.outDir, 'report.zh-Hant.html'), 'utf8')).toMatch(/^<!doctype html>\s*<html lang="zh-Hant-TW"/i);
    // every override of templates/zh-Hant-overrides.yaml is used by the real report
    expect(result.warnings.filter((w) => w.code === 'LOCALE_OVERRIDE_UNUSED')).toEqual([]);
  });
});

describe('the zh-Hant edition', () => {
  it('is converted: cover, contents, headers, captions, sources in Traditional Chinese with Taiwan usage and corner quotes', () => {
    const text = squash(hant.text);
    for (const s of ['電商產業競爭格局2025年跨界合作趨勢研究', '目錄', '圖表目錄', '版本資訊', '圖2-1', '表3-1', '資料來源：', '「全國網上零售額」', '龍頭平台', '使用者', '短影音']) expect(text, s).toContain(s);
    for (const s of ['“', '”', '萬億', '平臺', '釋出', '型別', '最佳化']) expect(text, s).not.toContain(s);
    // 用户 prints 使用者 (or 消費者, 會員 … by context); 用戶 only in Alibaba's slogan and ARPU
    expect(text.replace(/用戶為先|每用戶平均營收/g, '')).not.toContain('用戶');
    // the list of sources counts citations as the zh-Hans one does: 艾瑞 named in four sections, a kind of source (產業調查) in none
    expect(text).toContain('艾瑞咨詢15一、二、四、五、附錄A'); // the company's own name (zh-Hant-overrides.yaml)
    expect(text).toContain('產業調查4—二、三');
  });

  it('prints its cover date and colophon dates the Chinese way, as the zh-Hans edition does', () => {
    expect(squash(hant.pages[0])).toContain('2025年1月');
    expect(squash(hant.pages[1])).toContain('2024年12月31日');
    expect(squash(hant.pages[0]) + squash(hant.pages[1])).not.toMatch(/\d{4}-\d{2}/);
  });

  it('asks, as the source edition does, for no comments: a final edition in its own words (第1版, no 意見徵詢稿)', () => {
    const colophon = squash(hant.pages[1]);
    expect(colophon).toContain('資料截止2024年12月31日編寫與發布');
    expect(squash(hant.text)).not.toMatch(/徵求意見|意見徵詢|意見請提交/);
  });

  it('reads as a Taiwanese editor would have it: the fixes of zh-Hant-overrides.yaml are in print', () => {
    const text = squash(hant.text);
    // what OpenCC (twp) alone prints, and what the overrides print instead
    const fixes: [string, string][] = [['版權宣告', '版權聲明'], ['更加註重', '更加注重'], ['社群衛生', '社區衛生'], ['遠端問診', '遠距問診'], ['聯合營銷', '聯合行銷'], ['同一視窗', '同一窗口'], ['三傢伙伴', '三家夥伴'], ['美團委托', '美團委託'],
      // the editor's grading of the whole edition: OpenCC's computing terms, mainland wording, 用户 by context
      ['隻留在', '只留在'], ['擴充套件', '擴展'], ['引數', '參數'], ['PDCA迴圈', 'PDCA循環'], ['例項', '實例'], ['以兆元計', '以人民幣兆元計'],
      ['增強現實', '擴增實境'], ['數字藏品', '數位收藏品'], ['課題組', '研究團隊'], ['數據說明與口徑', '資料說明與統計基準'], ['合作伙伴', '合作夥伴'],
      ['市場份額', '市占率'], ['電商行業', '電商產業'], ['用戶黏性', '使用者黏著度'], ['老年用戶', '高齡消費者'],
      // a Taipei editor (review 52, 8.5/10): 口徑 in none of its phrases, the users said once, Taiwan's terms of research and heritage
      ['國家統計局口徑', '依中國國家統計局的定義'], ['網路使用者使用率', '網購使用者占網路使用者的比率'], ['定量與定性', '量化與質性'], ['做大增量', '共同把市場做大'], ['非物質文化遺產', '無形文化資產工藝'],
      // the third reading (a Taipei editor, 6.5/10): wrong characters, proper names in their own form, Taiwan wording
      ['可編制', '可編製'], ['《資料安全法》', '中國《數據安全法》'], ['溯原始碼', '溯源碼'], ['風險管控', '風險控管'], ['《「十四五」數位經濟發展規劃》', '《「十四五」數字經濟發展規劃》'], ['使用者為先', '「用戶為先」'],
      ['艾瑞諮詢', '艾瑞咨詢'], ['菜鳥物流網路', '菜鳥網絡'], ['主要通路', '主要管道'], ['統計口徑', '統計範圍'], ['佔大頭', '以生態共建型為主'], ['觸達', '接觸'],
      ['轉化率', '轉換率'], ['沙盒監管', '監理沙盒'], ['脫敏', '去識別化'], ['看板', '儀表板'], ['計劃', '計畫'], ['身份', '身分'], ['傢俱', '家具'], ['注：', '註：'],
      ['全部國家級貧困縣', '全部脫貧縣'], ['用戶需求驅動型', '消費者需求導向型'],
      // a blind Taipei review (8.5/10): a one-to-many character, accounting, statistics and business terms, one variant form each
      ['準入', '作為准入條件'], ['置信區間', '信賴區間'], ['計提風險', '提列風險準備金'], ['犯難', '真正的痛點'], ['最終終止', '以失敗告終'], ['季度復盤', '季度檢討'],
      ['買糧', '依處方購買飼料'], ['門店', '智慧門市'], ['酒店', '門票+住宿'], ['最後一公里', '最後一哩路'], ['分成', '動態分潤機制'], ['審計', '資料稽核'],
      ['科研', '研究機構'], ['達人', '網紅創作'], ['注為', '標註為'], ['所用數據', '所用資料取自'], ['本地生活APP', '阿里本地生活App'], ['本地生活應用', '阿里本地生活App'],
      ['佔', '占比'], ['佈', '分布'], ['三四線城市及鄉鎮市場', '三四線城市及鄉鎮（中國所稱「下沉市場」）的實體商家'], ['收效甚微的', '到頭來收效甚微'],
      ['加計扣除。', '加計扣除（即稅前按實際支出的此一比例扣除）'], ['覆蓋全國', '覆蓋全中國'],
      // the fifth Taipei reading (7/10): mainland terms in titles and tables, and planned-economy and marketing wording
      ['規模的大頭', '規模的最大宗'], ['技術路線', '研究流程'], ['框架', '架構'], ['內測', '內部測試'], ['增速', '成長率'], ['個性化', '個人化'],
      ['頭部品牌', '領導品牌'], ['立項', '專案核定'], ['短板', '不足'], ['超額完成', '超越目標'], ['與景區', '與風景區'], ['末端配送', '最後一哩配送'], ['文娛', '文化娛樂'],
      // a forecast's note names the mark its form draws: 圓點 under 圖4-1's dumbbell (its bounds' arrows too)
      ['淺色虛線框為預測值；箭頭', '註：淺色虛線圓點為預測值；箭頭'],
      // a blind Taipei review (review 32, 7/10): two wrong meanings, mainland terms, and mainland concepts glossed at their first use
      ['統計範圍和演算法', '統計範圍和計算方法'], ['社會資本', '帶動民間資金跟進'], ['披露', '碳足跡揭露'], ['車牌識別', '車牌辨識'], ['病蟲害識別', '病蟲害辨識'],
      ['情景', '基準情境'], ['體量', '生態共建型合作規模最大'], ['碳積分', '與碳權（碳信用）機制相結合'], ['審慎包容', '清單之外原則上允許先行試辦'],
      ['團體標準，', '產業自律標準（中國稱「團體標準」）'], ['條例（EU）', '數位市場法：規則（EU）2022/1925'],
      ['開展', '憑藉跨界合作推動場景創新'], ['組建全國性', '組建中國全國性'], ['相當於全國平均', '相當於全中國平均'], ['會同商務部', '中國國家發展和改革委員會（發改委）與商務部共同推動'],
      ['大模型', '大型語言模型（LLM）將承擔'], ['助力跨界決策', '大型語言模型協助跨界決策'], ['建構開放技術中台', '開放共享技術平台（技術中台）'],
      ['領導品牌小程式', '領導品牌微信等小程式商城'], ['「618」購物節促銷期間', '「618」年中購物節（每年6月18日前後）期間'], ['直連製造', '顧客對工廠（C2M，依訂單反向生產）'],
      ['O2O場景融合', 'O2O（線上到線下）場景融合'], ['縣域商業體系建設行動」初見', '（縣域：縣級行政區）初見成效'], ['統一的資料中台，', '資料中台（集中共享資料與技術能力'],
      ['鋪開', '已擴展至全中國'], ['拉動', '帶動整體市場成長'], ['收窄', '空間也逐步縮小'], ['試點', 'MVP）試辦'], ['報批', '向多個部門送審'], ['用能', '土地取得、能源供應'],
      ['陣地', '自有會員與通路的經營'], ['破局', '電商突破飽和市場困局'], ['滾動校驗', '定期檢核並更新'], ['配送時效', '平均配送時間縮短至'], ['聯合風控', '聯合風險控管體系'],
      ['責任主體', '權責歸屬'], ['稅收優惠', '享有租稅優惠'], ['快遞員', '由郵差兼任'], ['引用本報告內容的，', '引用本報告內容者，'],
      ['平穩運行', '平穩發展的新階段'], ['出臺', '推出一部專門的'], ['普惠類', '普惠型（服務偏鄉與弱勢族群）'], ['社區食堂合作', '社區食堂（社區共餐據點）'], ['服務老人', '服務長者'],
      ['服務中心攜手', '社區衛生服務中心（中國的基層醫療機構）'], ['智慧供應鏈', '「智能供應鏈開放平台」'], ['10萬家，', '10萬家企業，']];
    // 圖4-3's bars are all forecasts: in the one forecast form as in every chart, said in their unit lines too (review 49, 3.5)
    expect(text).toContain('淺色虛線框為預測值');
    expect(text).toContain('單位：%（2025年預測）');
    // the hollow-mark note still stands under 圖2-4's range and bound
    expect(text).toContain('註：空心為約數、上限或區間');
    // 下沉市場 is glossed once, then the short form
    expect(text.split('下沉市場')).toHaveLength(2);
    expect(text).toContain('用字以教育部標準為主：占');
    // the digital economy is 數位經濟, but the PRC plan keeps its official title (in the text and in 參考資料)
    expect(text).toContain('數位經濟');
    expect(text).toContain('[2]中國國務院.「十四五」數字經濟發展規劃[Z].2021.見1.1.3'); // cited second (1.1.3): numbered in order of citation
    expect(text.replaceAll('「十四五」數字經濟發展規劃', '')).not.toContain('數字經濟');
    // the PRC law by its official title in 參考資料 too, where it is listed without 《》
    expect(text).toMatch(/\[6\]中國全國人民代表大會常務委員會\.中華人民共和國數據安全法\[Z\]/);
    expect(text).not.toContain('資料安全法');
    for (const [wrong, right] of fixes) {
      expect(text, wrong).not.toContain(wrong);
      expect(text, right).toContain(right);
    }
    // 算法 prints 演算法 once, where it is an algorithm (4.1.1); the one 團體標準 left is the gloss's
    expect(text).toContain('依靠演算法進行智慧匹配');
    expect(text.split('演算法')).toHaveLength(2);
    expect(text.split('團體標準')).toHaveLength(2);
    // 參考資料 says what GB/T 7714's type codes mean
    expect(text).toContain('依中國國家標準GB/T7714著錄（[R]為報告、[DB]為資料庫、[Z]為其他文獻）');
  });

  it('suggests a citation the way a Taiwanese reader cites (locale.zh-Hant.yaml), not GB/T 7714 with its [R]', () => {
    const colophon = squash(hant.pages[1]);
    expect(colophon).toContain('電商跨界合作研究團隊（2025）。《電商產業競爭格局2025年跨界合作趨勢研究》。電商跨界合作研究團隊。');
    expect(colophon).not.toContain('[R]');
    // the zh-Hans edition's form without a place of publication is its own (GB/T 7714 without [出版地不详]), not carried over
    expect(squash(hans.pages[1])).toContain('研究[R].2025.');
    expect(colophon).not.toContain('出版地');
  });

  it('says nothing twice the source says once (使用户 is 讓使用者, not 使使用者), and names the currency where amounts begin', () => {
    const text = squash(hant.text);
    expect(text).not.toContain('使使用者');
    expect(text).toContain('讓使用者');
    // the copyright page, above the key findings (each of whose amounts then reads alike: 15.3兆元 as 6.8兆元), and a chart's unit line
    // (chapter 1's callout no longer shows an amount: the retail figures are 圖2-1's, whose unit line names the currency)
    for (const s of ['本報告所列金額均為人民幣', '七項核心發現如下（金額均為人民幣）', '2024年中國電商市場規模為15.3兆元', '單位：人民幣兆元']) expect(text, s).toContain(s);
    expect(text).not.toContain('市場規模為人民幣');
    // ranges the Taiwan way: no dash between two figures (80—100元/人, 2024—2025年)
    expect(text).not.toMatch(/\d[%年]?—\d/);
  });

  it('has no Simplified text left: converting its text again changes nothing', async () => {
    const { editions } = loadLocaleEditions((await readInputs(project, quietEffects)).vocabulary);
    const e = editions.find((x) => x.variant.tag === 'zh-Hant')!;
    const c = conversionFor(e.variant, e.overrides);
    expect(hant.pages.flatMap((p, i) => simplifiedLeft(squash(p), c).map((l) => `p${i + 1}: ${l.context}`))).toEqual([]);
  });

  it('prints every figure of the zh-Hans edition, with its localised unit (兆, 億, 萬)', async () => {
    const inputs = await readInputs(project, quietEffects);
    const { data } = checkInputs(inputs);
    const { editions } = loadLocaleEditions(inputs.vocabulary);
    const e = editions.find((x) => x.variant.tag === 'zh-Hant')!;
    const c = conversionFor(e.variant, e.overrides);
    const range = rangeStyleOf({ range: { separator: e.variant.range_separator ?? data.vocabulary.range.separator, unit_on_both_ends: data.vocabulary.range.unitOnBothEnds }, unit_names: e.variant.unit_names });
    const [hansText, hantText] = [squash(hans.text), squash(hant.text)];
    let compared = 0;
    for (const n of data.nodes.values()) {
      if (n.kind !== 'datum') continue;
      const shown = formatQuantity(n, n.unit, n.decimals, data.vocabulary.range);
      if (!hansText.includes(shown)) continue; // printed in another form (scaled, 万 counts): compared below by example
      const localised = c.convert(formatQuantity(n, n.unit, n.decimals, range));
      expect(hantText, `${n.path}: ${shown} → ${localised}`).toContain(localised);
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
    // (3200萬人 and 1.2億人 are 圖2-5's key figures, each said as the prose says a count; 80～100 is 圖2-2's label under 單位：元/人)
    for (const s of ['15.3兆元', '突破15兆元大關', '6.8兆元', '5600億元', '4.2兆元', '8.92億人', '3200萬人', '2020年為1.2億人', '80～100', '8%～10%']) expect(hantText, s).toContain(s);
    expect(hantText).not.toMatch(/12,000|3,200/);
  });

  it('has contents whose page numbers are where every chapter and section really is, each a working link', async () => {
    const first = hant.destinations.get('ch-1')!;
    const tocStart = hant.pages.findIndex((p) => squash(p).replace(/^[ivxlc]+/, '').startsWith('目錄')); // after the front matter's roman folio
    const tocPages = Array.from({ length: first - tocStart }, (_, k) => tocStart + k);
    expect(tocPages.length).toBeGreaterThanOrEqual(1);
    const toc = squash(tocPages.map((i) => hant.pages[i]).join(''));
    const outline = hant.outline.slice(5); // after the cover, the copyright page, the contents, the list of figures and tables and 核心發現
    let checked = 0;
    for (const [anchor, index] of hant.destinations) {
      if (!/^ch-\d+$/.test(anchor)) continue;
      expect(toc).toContain(`${squash(outline[Number(anchor.slice(3)) - 1].title)}${index - first + 1}`);
      checked++;
    }
    expect(checked).toBe(8);
    const links = (await Promise.all(tocPages.map((i) => linkTargets(hantBytes, i)))).flat();
    for (const anchor of [...hant.destinations.keys()].filter((a) => /^(ch-\d+|sec-\d+-\d+)$/.test(a))) expect(links).toContain(anchor);
  });

  it('carries review 40\'s content fixes into its own words: the 8000億, the 92% with its standard, the O2O figures said not to agree, 參考資料 in the contents', () => {
    const text = squash(hant.text);
    for (const s of ['規模預計突破8000億元', '合計市占率預計達到70%', '開發AR功能，顧客滿意度達到92%', '合作摩擦率降低40%', '農戶數隨之成長3倍', '預計各占多大比重，列於本節末',
      '2025年整體規模只有約15.4兆元', '在整體電商中的比重在24%以上', '只有O2O規模達到約4.3兆元時，二者才能相容', '仍明顯低於2019年16.5%的水準', '→3.4.1節'])
      expect(text, s).toContain(s);
    const at = hant.destinations.get('sources')!;
    const toc = squash(hant.pages.slice(hant.destinations.get('toc-title')!, hant.destinations.get('lof-title')!).join(''));
    expect(toc).toContain(`資料來源一覽${at - hant.destinations.get('ch-1')! + 1}參考資料${hant.destinations.get('references')! - hant.destinations.get('ch-1')! + 1}`);
  });

  it('points each 核心發現 item to its section with that section\'s page, in its own words (節, 頁)', () => {
    const at = hant.destinations.get('summary')!;
    const pointers = [...squash(hant.pages[at]).matchAll(/→(\d+(?:\.\d+)*)節·第(\d+)頁/g)];
    expect(pointers).toHaveLength(7);
    for (const [, section, page] of pointers) expect(Number(page), section).toBe(hant.destinations.get(`sec-${section.replaceAll('.', '-')}`)! - hant.destinations.get('ch-1')! + 1);
  });

  it('has bookmarks in Traditional Chinese, nested chapters → sections', () => {
    expect(hant.outline).toHaveLength(hans.outline.length);
    expect(squash(hant.outline[6].title)).toBe('二、電商產業競爭格局現狀分析');
    expect(squash(hant.outline[6].items[0].title)).toBe('2.1市場規模與成長態勢');
    expect(hant.outline.slice(-2).map((o) => squash(o.title))).toEqual(['附錄A資料說明與統計基準', '資料來源一覽']); // 版本說明 is on the copyright page
  });

  it('is a sound file: tagged, /Lang zh-TW, metadata converted, subsets of Noto Serif/Sans TC embedded under their true names', async () => {
    const s = await pdfStructure(hantBytes);
    expect(s.tagged).toBe(true);
    expect(s.lang).toBe('zh-TW');
    // one subset per family and weight drawn from, as in the zh-Hans edition (render/font-subsets.ts)
    const names = (fonts: typeof s.fonts) => fonts.map((f) => f.name.replace(/^\/?[A-Z]{6}\+/, '')).sort();
    expect(names(s.fonts)).toEqual(names((await pdfStructure(hansBytes)).fonts).map((n) => n.replace('SC-', 'TC-')));
    expect(names(s.fonts)).toContain('NotoSerifTC-Regular');
    expect(s.fonts.every((f) => f.embedded && f.subtype === '/CIDFontType2' && /^\/?[A-Z]{6}\+NotoS(ans|erif)TC-(Regular|Medium|Bold)$/.test(f.name))).toBe(true);
    expect(hant.info.Title).toBe('電商產業競爭格局2025年跨界合作趨勢研究'); // as the body sets 2025年, no space (review 63, L2)
    expect(hant.xmp['dc:title']).toBe(hant.info.Title); // the XMP packet, converted with the Info dictionary
    expect(hant.xmp['dc:language']).toBe('zh-TW');
    expect((await pdfStructure(hansBytes)).lang).toBe('zh-CN');
  });

  it('draws its charts in Noto Sans TC, their text converted', () => {
    const html = readFileSync(join(project.outDir, 'report.zh-Hant.html'), 'utf8');
    const svg = html.slice(html.indexOf('<svg'), html.lastIndexOf('</svg>'));
    expect(svg).toContain('Noto Sans TC');
    expect(svg).not.toContain('Noto Sans SC');
    expect(svg).toContain('阿里巴巴（含淘寶、天貓）'); // 图2-1's first bar (the segment-growth chart it named is gone: a chart of verbal estimates)
    expect(html.replace(/<[^>]+>/g, '')).toContain('15.3兆元'); // a key figure, formatted for zh-Hant (its core 15.3兆 a span of its own)
  });

  it('is byte-identical when rebuilt from the same inputs', { timeout: 400_000 }, async () => {
    // printed again, not reused: an edition whose PDF is not on disk does not stand (build/standing-editions.ts)
    for (const f of ['report.pdf', 'report.zh-Hant.pdf']) rmSync(join(project.outDir, f));
    await build(project, quietEffects);
    expect(createHash('sha256').update(read('report.zh-Hant.pdf')).digest('hex')).toBe(createHash('sha256').update(hantBytes).digest('hex'));
    expect(createHash('sha256').update(read('report.pdf')).digest('hex')).toBe(createHash('sha256').update(hansBytes).digest('hex'));
  });
});
