import { describe, expect, it } from 'vitest';
import { type InquiryQuantity, readQuantity } from '../../src/nlu/inquiry-quantity.js';

const q = (value: number, unit: InquiryQuantity['unit'], kg: number | null): InquiryQuantity => ({ value, unit, kg });

describe('readQuantity', () => {
  it.each<[string, InquiryQuantity]>([
    // Tonnes, quintals and kilograms, with their weight.
    ['mujhe 50 ton sela chawal chahiye', q(50, 'MT', 50000)],
    ['Need 2.5 MT basmati', q(2.5, 'MT', 2500)],
    ['500 metric tons of maize', q(500, 'MT', 500000)],
    ['100 mts soya DOC', q(100, 'MT', 100000)],
    ['200 tan gehu', q(200, 'MT', 200000)],
    ['50MT', q(50, 'MT', 50000)],
    ['हमें 100 टन गेहूं चाहिए', q(100, 'MT', 100000)],
    ['५० टन सेला', q(50, 'MT', 50000)],
    ['200 quintal chana', q(200, 'quintal', 20000)],
    ['50 kuntal chahiye', q(50, 'quintal', 5000)],
    ['२०० क्विंटल मसूर', q(200, 'quintal', 20000)],
    ['500 kg pharma API', q(500, 'kg', 500)],
    ['500 kilo sample', q(500, 'kg', 500)],
    ['सेला चावल 1,20,000 किलो', q(120000, 'kg', 120000)],
    // Numbers said the Indian way.
    ['ढाई सौ टन', q(250, 'MT', 250000)],
    ['साढ़े चार सौ टन', q(450, 'MT', 450000)],
    ['paune do sau ton', q(175, 'MT', 175000)],
    ['sawa lakh kg', q(125000, 'kg', 125000)],
    ['डेढ़ हज़ार किलो', q(1500, 'kg', 1500)],
    ['do sau ton soyabean meal', q(200, 'MT', 200000)],
    ['2.5 lakh kg', q(250000, 'kg', 250000)],
    ['1 crore kg atta', q(10000000, 'kg', 10000000)],
    ['पचास टन', q(50, 'MT', 50000)],
    ['1 lakh 20 hazaar kg', q(120000, 'kg', 120000)],
    // Containers: 20ft and 40ft are sizes, not counts.
    ['Need 2 x 20ft containers of steam rice', q(2, 'container', null)],
    ["3 x 40' HC", q(3, 'container', null)],
    ['5 FCL steam rice', q(5, 'container', null)],
    ['ek container sela chawal', q(1, 'container', null)],
    ['२ कंटेनर', q(2, 'container', null)],
    ['containers: 2 nos', q(2, 'container', null)],
    ['2 x 20 containers', q(2, 'container', null)],
    ['20ft x 2', q(2, 'container', null)],
    ['40ft container x 3 nos', q(3, 'container', null)],
    ['20 container chahiye', q(20, 'container', null)],
    // ...with a weight each, or in total.
    ['5 containers (25 MT each)', q(5, 'container', 125000)],
    ['2 x 20ft container, 26 ton each', q(2, 'container', 52000)],
    ['2 containers, 26 MT per container', q(2, 'container', 52000)],
    ['each container 26 MT, 4 containers', q(4, 'container', 104000)],
    ['5 containers, total 125 MT', q(5, 'container', 125000)],
    ['26 ton ke 2 container', q(2, 'container', 52000)],
    // ...with the weight of one written apart from the count.
    ['3 container basmati chahiye, har container me 24 ton', q(3, 'container', 72000)],
    ['4 कंटेनर चाहिए, हर कंटेनर में 20 टन', q(4, 'container', 80000)],
    ['5 container, 20 MT har ek', q(5, 'container', 100000)],
    ['5 containers, each 20 MT', q(5, 'container', 100000)],
    ['5 कंटेनर, प्रत्येक 20 टन', q(5, 'container', 100000)],
    ['5 कंटेनर, हर एक में 26 टन', q(5, 'container', 130000)],
    ['4 container 25 ton wala', q(4, 'container', 100000)],
    // ...with a weight tied to neither: one container's is its own; of several, the total if it can be.
    ['1 container 24 mt', q(1, 'container', 24000)],
    ['एक कंटेनर गेहूं, 26 टन', q(1, 'container', 26000)],
    ['ek container me 26 ton', q(1, 'container', 26000)],
    ['4 containers, 100 MT', q(4, 'container', 100000)],
    ['do container, 52 ton', q(2, 'container', 52000)],
    ['5 FCL, 125 MT total', q(5, 'container', 125000)],
    // A weight no container can be, nor all of them, weighs nothing.
    ['2 containers, 50 kg sample chahiye', q(2, 'container', null)],
    // Bags, with the weight of one.
    ['1000 bags of 50 kg', q(1000, 'bag', 50000)],
    ['1000 x 50 kg bags', q(1000, 'bag', 50000)],
    ['1000 bags x 50 kg', q(1000, 'bag', 50000)],
    ['1000 bags (50kg each)', q(1000, 'bag', 50000)],
    ['25 kg bags, 400 bags', q(400, 'bag', 10000)],
    ['50 kg ke 1000 bag', q(1000, 'bag', 50000)],
    ['Mujhe 5 hazar bori chana chahiye, har bori 50 kilo', q(5000, 'bag', 250000)],
    ['1000 bori 50 kilo wali', q(1000, 'bag', 50000)],
    ['50 किलो की 1000 बोरी', q(1000, 'bag', 50000)],
    ['500 katte, 25 kg packing', q(500, 'bag', 12500)],
    ['100 bori', q(100, 'bag', null)],
    // ...the weight of one written apart from the count: "wali" and "की" say it is of one.
    ['800 bori chana chahiye 30 kg wali', q(800, 'bag', 24000)],
    ['1500 बोरियां चाहिए, 40 किलो की', q(1500, 'bag', 60000)],
    ['30 kg wali chana ki 800 bori', q(800, 'bag', 24000)],
    ['1000 bori me 50 kilo', q(1000, 'bag', 50000)],
    // ...or a bare weight: 25 MT is 50 kg a bag, but 50 kg in all would be 100 g a bag.
    ['500 bags, 25 MT', q(500, 'bag', 25000)],
    ['500 bags, 50 kg', q(500, 'bag', 25000)],
    // A packing size is not the quantity.
    ['25 MT in 50 kg bags', q(25, 'MT', 25000)],
    ['Sir 1121 sela ka rate batao, 25 kg bags mein, 100 ton lena hai', q(100, 'MT', 100000)],
    // Pieces and areas.
    ['500 slabs', q(500, 'piece', null)],
    ['200 stone idols', q(200, 'piece', null)],
    ['500 sandstone slabs', q(500, 'piece', null)],
    ['10,000 leaf plates', q(10000, 'piece', null)],
    ['wooden toys 2000 pcs', q(2000, 'piece', null)],
    ['100 नग मूर्तियां', q(100, 'piece', null)],
    // Goods counted by their own noun, with no unit word.
    ['need 50,000 dona pattal', q(50000, 'piece', null)],
    ['2,00,000 पत्तल चाहिए', q(200000, 'piece', null)],
    ['१,५०,००० दोना', q(150000, 'piece', null)],
    ['300 स्लैब', q(300, 'piece', null)],
    ['40 idols', q(40, 'piece', null)],
    ['pathar ki 15 murti', q(15, 'piece', null)],
    ['bamboo tokri 700 chahiye', q(700, 'piece', null)],
    ['बांस की टोकरी 500', q(500, 'piece', null)],
    ['wooden toys 1200', q(1200, 'piece', null)],
    ['jute ke thaile 5000', q(5000, 'piece', null)],
    ['25 nag', q(25, 'piece', null)],
    ['2000 नग', q(2000, 'piece', null)],
    ['मूर्ति 100 नंबर', q(100, 'piece', null)],
    // A piece word counts pieces of bags that are the goods, but bags of other goods stay bags.
    ['jute bags 8,000 pieces', q(8000, 'piece', null)],
    ['जूट बैग 6000 पीस', q(6000, 'piece', null)],
    ['cotton bag 3000 pcs', q(3000, 'piece', null)],
    ['5000 jute bags', q(5000, 'bag', null)],
    ['1000 jute bags of 50 kg', q(1000, 'bag', 50000)],
    ['1000 x 50 kg jute bags', q(1000, 'bag', 50000)],
    ['bags: 200 nos', q(200, 'bag', null)],
    ['kota stone 10,000 sqft', q(10000, 'sqft', null)],
    ['5000 sq. ft. sandstone', q(5000, 'sqft', null)],
    ['2000 वर्ग फुट', q(2000, 'sqft', null)],
    // The unit first, or a range.
    ['Quantity (MT): 500', q(500, 'MT', 500000)],
    ['500-600 MT', q(500, 'MT', 500000)],
    // The first quantity wins.
    ['50 ton rice and 20 kg sample', q(50, 'MT', 50000)],
    ['2025 mein 50 ton chahiye', q(50, 'MT', 50000)],
  ])('%s → %j', (text, quantity) => {
    expect(readQuantity(text)).toEqual(quantity);
  });

  it('takes a weight before any count for the amount, unless it is tied to one package', () => {
    expect(readQuantity('500 kg ka rate batao')).toEqual(q(500, 'kg', 500));
    expect(readQuantity('25 MT in 50 kg bags, 1 container')).toEqual(q(25, 'MT', 25000));
    expect(readQuantity('each one 20 MT, 3 containers')).toEqual(q(3, 'container', 60000));
  });

  it('never reads a price as the quantity', () => {
    expect(readQuantity('₹3200/qtl')).toBeNull();
    expect(readQuantity('$450 PMT')).toBeNull();
    expect(readQuantity('32 rs kilo')).toBeNull();
    expect(readQuantity('3200 रुपये प्रति क्विंटल')).toBeNull();
    expect(readQuantity('₹3200/qtl, 200 quintal')).toEqual(q(200, 'quintal', 20000));
    expect(readQuantity('$450 PMT for 500 MT')).toEqual(q(500, 'MT', 500000));
    expect(readQuantity('rate 3200 per quintal')).toBeNull();
    expect(readQuantity('1 container sela, $450 PMT')).toEqual(q(1, 'container', null));
    expect(readQuantity('₹2 प्रति पत्तल, 10,000 पत्तल')).toEqual(q(10000, 'piece', null));
    // "sar" is "sir": only "SAR" is a price.
    expect(readQuantity('sar 50 ton chahiye')).toEqual(q(50, 'MT', 50000));
    expect(readQuantity('SAR 50 per bag')).toBeNull();
  });

  it.each([
    // Sizes, grades, dates, durations and rates are not quantities.
    'need 20ft container',
    'soya DOC 48% protein',
    '1121 sela chahiye',
    'by 15 Jan',
    '30 din mein',
    'per MT 450',
    // A label before a figure.
    'order number 12345',
    // "do" is also "give".
    'rate bata do',
    // A quarter step said of the time.
    'sawa 5 baje call karo',
    'sela chawal chahiye',
    '',
  ])('%s → null', (text) => {
    expect(readQuantity(text)).toBeNull();
  });
});
