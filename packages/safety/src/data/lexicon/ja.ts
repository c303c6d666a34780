import type { LexiconSource } from './source.js';

export const JA: LexiconSource = {
  lang: 'ja',
  licence: 'CC0-1.0, compiled for Atrium',
  text: `
drugs medium: 大麻 | マリファナ | ガンジャ | 野菜売ります
drugs high: 覚醒剤 | 覚せい剤 | シャブ | コカイン | ヘロイン | 危険ドラッグ | 合法ハーブ | エクスタシー
firearms high: 拳銃 | 拳銃売ります | 実銃 | 銃の密売 | 改造銃 | 密造銃
gambling medium: オンラインカジノ | 闇カジノ | 裏カジノ | 野球賭博 | 賭博
adult_services high: 援助交際 | 援交 | パパ活 | 売春 | 買春 | 風俗求人 | デリヘル | 円光 | ホ別
fraud medium: LINE交換 | カカオ交換 | 副業で月収 | 簡単に稼げる | 高収入バイト
fraud high: 闇バイト | 受け子 | 出し子 | オレオレ詐欺 | 架空請求 | 口座売買
hate high: チョン | シナ人 | ゴキブリ朝鮮人 | 在日は出ていけ | 土人
harassment medium: 死ね | 殺す | キモい | ブス | ガイジ | キチガイ | クズ
harassment high: 殺してやる | 自殺しろ | 晒し上げ
spam low: 相互フォロー | フォロバ100 | 無料プレゼント
allow hate: チョンマゲ | ちょんまげ | チョンボ | 土人形
allow harassment: ブスケ
# Youth-exploitation and sex-trade terms from the National Police Agency's public material
# (JKビジネス, 神待ち, ママ活 alongside パパ活) and the Tokyo ordinance on JK businesses (2017).
adult_services high: ママ活 | 神待ち | JKビジネス | JKリフレ | JK散歩 | ホテヘル | 裏オプ
# 手押し: hand-to-hand drug sales, as named in police warnings about SNS drug ads.
drugs high: 手押し
allow drugs: 手押し車 | 手押しポンプ | 手押し式
`,
};
