/**
 * Chat shorthand as traders type it on WhatsApp, written out, so that "pls send qty rqd" and "please send the
 * quantity required" are read alike. Only unambiguous forms: "r" and "u" are letters in product grades and codes too.
 */
const SHORTHAND: Readonly<Record<string, string>> = {
  pls: 'please',
  plz: 'please',
  plss: 'please',
  plzz: 'please',
  pl: 'please',
  rqd: 'required',
  reqd: 'required',
  req: 'required',
  qty: 'quantity',
  qnty: 'quantity',
  abt: 'about',
  msg: 'message',
  msgs: 'messages',
  info: 'information',
  thx: 'thanks',
  thnx: 'thanks',
  tnx: 'thanks',
  ty: 'thanks',
  asap: 'urgent',
  pkg: 'packaging',
  govt: 'government',
  cert: 'certificate',
  certi: 'certificate',
  docs: 'documents',
  reg: 'registration',
};

/** A word with its shorthand written out (lower case); any other word as it is. */
export function expandShorthand(word: string): string {
  return SHORTHAND[word.toLowerCase()] ?? word;
}
