import type { LexiconSource } from './source.js';

export const PT: LexiconSource = {
  lang: 'pt',
  licence: 'CC0-1.0, compiled for Atrium',
  text: `
drugs medium: maconha | skunk | erva da boa
drugs high: cocaína | heroína | metanfetamina | ecstasy | lança-perfume | vendo droga | biqueira
firearms high: venda de armas | arma sem registro | pistola à venda | fuzil à venda | oitão
gambling medium: cassino online | apostas esportivas | jogo do bicho | tigrinho
gambling high: aposta garantida | jogo manipulado
adult_services high: prostituição | prostituta | garota de programa | acompanhantes | sexo pago | massagem tântrica com final feliz
fraud medium: chama no zap | me chama no whatsapp | me adiciona no telegram
fraud high: pirâmide financeira | dinheiro fácil | renda extra garantida | golpe do pix | clonagem de cartão | empréstimo sem consulta
hate high: macaco imundo | viado | viadinho | sapatão | baianada
harassment medium: porra | caralho | filho da puta | vagabunda | arrombado | otário | merda | puta | buceta | cuzão
harassment high: se mata | vou te matar
spam low: sigo de volta | seguidores grátis | curtida por curtida
# Innocent words that hold a term of this list, for handles (read inside words).
allow hate: abreviado | extraviado | desviado | aliviado | abreviada | extraviada | desviada | aliviada
allow harassment: anecdotario | antidotario | protonotario
`,
};
