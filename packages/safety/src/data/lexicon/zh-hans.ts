import type { LexiconSource } from './source.js';

// Traditional-script forms are generated from this list (zh-hant.generated.ts), and pinyin
// variants are derived when the lexicon is compiled: list Simplified forms only.
export const ZH_HANS: LexiconSource = {
  lang: 'zh-Hans',
  licence: 'CC0-1.0, compiled for Atrium',
  text: `
drugs medium: 大麻 | 大麻烟 | 大麻叶 | 大麻油 | 飞叶子
drugs high: 冰毒 | 海洛因 | 可卡因 | 摇头丸 | K粉 | 麻古 | 吸毒 | 贩毒 | 毒品 | 笑气 | 芬太尼 | 买毒品 | 卖冰 | 甲基苯丙胺
firearms high: 枪支 | 手枪 | 气枪 | 猎枪 | 仿真枪 | 买枪 | 卖枪 | 枪支出售 | 枪械 | 军火 | 弹药出售 | 钢珠枪 | 狗粮子弹
gambling medium: 赌博 | 博彩 | 六合彩 | 赌场 | 网赌 | 百家乐 | 时时彩 | 老虎机 | 赌球 | 线上娱乐城 | 真人荷官
gambling high: 网上赌场 | 澳门赌场在线 | 彩票内幕 | 包赢
adult_services high: 援交 | 约炮 | 外围女 | 外围模特 | 一夜情 | 卖淫 | 嫖娼 | 楼凤 | 特殊服务 | 小姐上门 | 同城约 | 裸聊 | 色情服务 | 包养
adult_services critical: 儿童色情
fraud medium: 加V | 加微 | 加微信 | 加我微信 | 加我V | 薇信 | 威信 | 微信号 | 加QQ | 扣扣 | 私信加V | 飞机号 | 电报群 | 纸飞机 | VX | WX
fraud high: 刷单 | 兼职刷单 | 代办信用卡 | 信用卡套现 | 套现 | 办证 | 假证 | 洗钱 | 杀猪盘 | 高额返利 | 稳赚不赔 | 日赚千元
hate high: 支那 | 支那人 | 黑鬼 | 尼哥 | 小日本 | 东亚病夫 | 黑皮猪
harassment medium: 傻逼 | 煞笔 | 操你妈 | 草泥马 | 贱人 | 婊子 | 去死 | 滚蛋 | 脑残 | 废物 | 狗东西 | 死全家
harassment high: 人肉搜索 | 开盒 | 杀了你 | 弄死你
spam low: 互粉 | 互关 | 刷粉 | 代刷 | 涨粉 | 点击链接 | 加群领取 | 免费领取
spam medium: 日入过万 | 躺赚 | 引流
allow drugs: 大麻烦 | 大麻花 | 麻将 | 大麻雀
allow firearms: 水枪 | 手枪钻 | 气枪打气筒
allow gambling: 赌气 | 赌球星
allow adult_services: 包养护
allow harassment: 废物利用 | 去死皮 | 废物回收 | 滚蛋糕
allow fraud: 加微笑 | 加微博 | 威信力 | 威信度 | 树立威信
allow spam: 互关心
# Drugs named in public warnings of the National Narcotics Control Commission (国家禁毒委员会
# 办公室: 依托咪酯 / "上头电子烟", 2023) and the Ministry of Public Security on drugs sold for
# assault (听话水, 迷药); 麻果 is the name of the yaba pill in those warnings.
drugs high: 听话水 | 迷药 | 迷幻药 | 催情药 | 春药 | 麻果 | 上头电子烟 | 依托咪酯
allow drugs: 芝麻果
# Platform rules against solicitation (WeChat, Douyin and Xiaohongshu community rules name
# 招嫖 and regional euphemisms such as 莞式服务); 裸贷 ("nude loans") from the banking
# regulator's public risk warnings.
adult_services high: 招嫖 | 莞式服务 | 冰妹
fraud high: 裸贷
`,
};
