/** The typed answers a flow step can ask for, each parsed from a chat message in Hindi, Hinglish or English. */
export { type Country, findCountries, parseCountry } from './country.js';
export { parseNumber } from './number.js';
export { parseQuantity, type Quantity, type QuantityError, type Unit, UNITS } from './quantity.js';
export { parseYesNo } from './yes-no.js';
export { isSkip } from './skip.js';
