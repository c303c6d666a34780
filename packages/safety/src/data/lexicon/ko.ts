import type { LexiconSource } from './source.js';

// Korean attaches particles to nouns (대마초를), so terms match as substrings by default.
export const KO: LexiconSource = {
  lang: 'ko',
  licence: 'CC0-1.0, compiled for Atrium',
  text: `
drugs medium: 대마초 | 대마 | 마리화나 | 떨 팝니다
drugs high: 필로폰 | 마약 | 코카인 | 헤로인 | 엑스터시 | 케타민 | 아이스 팝니다
firearms high: 총기 판매 | 권총 | 불법 총기 | 사제총
gambling medium: 도박 | 토토 | 사설토토 | 카지노 | 바카라 | 불법 도박 | 먹튀
adult_services high: 오피 예약 | 조건만남 | 성매매 | 출장안마 | 원조교제 | 스폰서 구함
fraud medium: 카톡 추가 | 텔레그램 문의 | 텔레 문의 | 오픈채팅
fraud high: 보이스피싱 | 대포통장 | 대포폰 | 고수익 알바 | 코인 리딩방 | 리딩방
hate high: 짱깨 | 쪽바리 | 흑형 | 깜둥이 | 틀딱 | 한남충 | 김치녀
harassment medium: 씨발 | 시발 | 병신 | 개새끼 | 지랄 | 좆 | 미친놈 | 꺼져
harassment high: 죽여버린다 | 자살해 | 신상털기
spam low: 맞팔 | 선팔 | 팔로워 구매 | 좋아요 구매
allow drugs: 마약김밥 | 마약떡볶이 | 대마도 | 대마왕 | 대마주
allow gambling: 토토로
allow harassment: 좆밥 아님
# Sex-trade venue names from the Korean National Police Agency's public notices on illegal
# advertising (립카페, 키스방, 풀싸롱, 대딸방, 휴게텔), and 물뽕 (GHB) from the Ministry of Food
# and Drug Safety's drug warnings.
adult_services high: 립카페 | 키스방 | 풀싸롱 | 대딸방 | 휴게텔 | 섹파
drugs high: 물뽕 | 작대기 팝니다
allow adult_services: 키스방법
`,
};
