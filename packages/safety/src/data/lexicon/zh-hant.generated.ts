// generated — do not edit. Regenerate with `npm run generate -w @atrium/safety`.
// Source: src/data/lexicon/zh-hans.ts through opencc-js 1.4.2 (cn → twp)
import type { LexiconSource } from './source.js';

export const ZH_HANT: LexiconSource = {
  lang: 'zh-Hant',
  licence: 'CC0-1.0, compiled for Atrium (converted from zh-Hans with OpenCC twp, Apache-2.0)',
  text: "\ndrugs medium: 大麻煙 | 大麻葉 | 飛葉子\ndrugs high: 搖頭丸 | 販毒 | 笑氣 | 買毒品 | 賣冰\nfirearms high: 槍支 | 手槍 | 氣槍 | 獵槍 | 模擬槍 | 買槍 | 賣槍 | 槍支出售 | 槍械 | 軍火 | 彈藥出售 | 鋼珠槍 | 狗糧子彈\ngambling medium: 賭博 | 賭場 | 網賭 | 百家樂 | 時時彩 | 老虎機 | 賭球 | 線上娛樂城\ngambling high: 網上賭場 | 澳門賭場線上 | 彩票內幕 | 包贏\nadult_services high: 約炮 | 外圍女 | 外圍模特 | 賣淫 | 樓鳳 | 特殊服務 | 小姐上門 | 同城約 | 色情服務 | 包養\nadult_services critical: 兒童色情\nfraud medium: 微訊號 | 飛機號 | 電報群 | 紙飛機\nfraud high: 刷單 | 兼職刷單 | 代辦信用卡 | 信用卡套現 | 套現 | 辦證 | 假證 | 洗錢 | 殺豬盤 | 高額返利 | 穩賺不賠 | 日賺千元\nhate high: 東亞病夫 | 黑皮豬\nharassment medium: 煞筆 | 操你媽 | 草泥馬 | 賤人 | 滾蛋 | 腦殘 | 廢物 | 狗東西\nharassment high: 人肉搜尋 | 開盒 | 殺了你\nspam low: 互關 | 漲粉 | 點選連結 | 加群領取 | 免費領取\nspam medium: 日入過萬 | 躺賺\nallow drugs: 大麻煩 | 麻將\nallow firearms: 水槍 | 手槍鑽 | 氣槍打氣筒\nallow gambling: 賭氣 | 賭球星\nallow adult_services: 包養護\nallow harassment: 廢物利用 | 廢物回收 | 滾蛋糕\nallow fraud: 樹立威信\nallow spam: 互關心\ndrugs high: 聽話水 | 迷藥 | 迷幻藥 | 催情藥 | 春藥 | 上頭電子煙 | 依託咪酯\nadult_services high: 莞式服務\nfraud high: 裸貸\n",
};
