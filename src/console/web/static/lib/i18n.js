// The dashboard's words in Hindi and English. The officer's choice is remembered in this browser (localStorage);
// Hindi until they choose. `{name}` in a text is filled from the values given to t().

const STORAGE_KEY = 'niryat-setu:console:lang';

const TEXTS = {
  'app.title': { hi: 'निर्यात सेतु · अधिकारी कंसोल', en: "Niryat Setu · Officers' console" },
  'lang.switch': { hi: 'English', en: 'हिन्दी' },
  'lang.switchLabel': { hi: 'Switch to English', en: 'हिन्दी में देखें' },
  'nav.home': { hi: 'आँकड़े', en: 'Numbers' },
  'nav.groups': { hi: 'ग्रुप', en: 'Groups' },
  'nav.sellers': { hi: 'विक्रेता', en: 'Sellers' },
  'nav.inquiries': { hi: 'पूछताछ', en: 'Inquiries' },
  'nav.broadcasts': { hi: 'ब्रॉडकास्ट', en: 'Broadcasts' },
  'nav.tickets': { hi: 'सवाल', en: 'Questions' },
  'nav.faq': { hi: 'FAQ', en: 'FAQ' },
  'nav.flows': { hi: 'फ़्लो', en: 'Flows' },
  'nav.queues': { hi: 'कतारें', en: 'Queues' },
  'who.logout': { hi: 'साइन आउट', en: 'Sign out' },
  'who.role.admin': { hi: 'एडमिन', en: 'admin' },
  'who.role.viewer': { hi: 'केवल देखें', en: 'viewer' },
  'viewer.note': {
    hi: 'आप केवल देख सकते हैं। बदलाव ज़िला एडमिन करते हैं।',
    en: 'You can look but not change anything; district administrators make changes.',
  },

  'common.none': { hi: 'अभी कुछ नहीं है।', en: 'Nothing here yet.' },
  'common.csv': { hi: 'CSV डाउनलोड करें', en: 'Download CSV' },
  'common.search': { hi: 'खोजें', en: 'Search' },
  'common.save': { hi: 'सहेजें', en: 'Save' },
  'common.back': { hi: '← वापस', en: '← Back' },
  'common.all': { hi: 'सभी', en: 'All' },
  'common.yes': { hi: 'हाँ', en: 'yes' },
  'common.no': { hi: 'नहीं', en: 'no' },
  'common.prev': { hi: '← पिछला', en: '← Previous' },
  'common.next': { hi: 'अगला →', en: 'Next →' },
  'common.pageOf': { hi: 'पेज {page} / {pages} · कुल {total}', en: 'Page {page} of {pages} · {total} in all' },
  'common.saved': { hi: 'सहेज दिया गया।', en: 'Saved.' },
  'common.notFound': { hi: 'यह पेज नहीं मिला।', en: 'This page does not exist.' },
  'common.minutes': { hi: '{n} मिनट', en: '{n} min' },
  'common.hours': { hi: '{n} घंटे', en: '{n} h' },
  'common.seconds': { hi: '{n} सेकंड', en: '{n} s' },
  'common.number': { hi: 'नंबर', en: 'Number' },
  'common.name': { hi: 'नाम', en: 'Name' },
  'common.created': { hi: 'बनाया गया', en: 'Created' },
  'common.status': { hi: 'स्थिति', en: 'Status' },
  'common.confirmRemove': { hi: 'क्या सच में हटाना है?', en: 'Really remove?' },

  'error.generic': { hi: 'कुछ गड़बड़ हो गई। कृपया फिर कोशिश करें।', en: 'Something went wrong. Please try again.' },
  'error.network': { hi: 'सर्वर से संपर्क नहीं हो पाया।', en: 'Could not reach the server.' },
  'error.invalid': { hi: 'यह जानकारी सही नहीं है: {field}', en: 'This is not valid: {field}' },
  'error.not_found': { hi: 'यह नहीं मिला।', en: 'Not found.' },
  'error.forbidden': { hi: 'यह काम केवल एडमिन कर सकते हैं।', en: 'Only an administrator may do this.' },
  'error.group_code_taken': { hi: 'यह ग्रुप कोड पहले से है।', en: 'This group code is taken.' },
  'error.already_answered': { hi: 'इस सवाल का जवाब पहले ही दिया जा चुका है।', en: 'This question is answered already.' },
  'error.already_saved': { hi: 'यह जवाब पहले से FAQ में है।', en: 'This answer is in the FAQ already.' },

  // Home: the numbers
  'home.title': { hi: 'कार्यक्रम के आँकड़े', en: 'Programme numbers' },
  'home.subtitle': { hi: 'पिछले {weeks} हफ़्ते', en: 'Last {weeks} weeks' },
  'kpi.sellers': { hi: 'पंजीकृत विक्रेता', en: 'Registered sellers' },
  'kpi.alertsOff': { hi: '{n} विक्रेताओं के अलर्ट बंद', en: '{n} with alerts off' },
  'kpi.inquiries': { hi: 'पूछताछ', en: 'Inquiries' },
  'kpi.matchRate': { hi: 'मेल दर', en: 'Match rate' },
  'kpi.matchRateNote': { hi: 'जिन पूछताछ पर किसी विक्रेता ने जवाब दिया', en: 'inquiries a seller answered' },
  'kpi.response': { hi: 'विक्रेताओं के जवाब का समय (माध्यिका)', en: 'Median seller response time' },
  'kpi.responseNote': { hi: 'कुल {n} जवाब', en: 'from {n} responses' },
  'kpi.quotes': { hi: 'प्रति पूछताछ भाव', en: 'Quotes per inquiry' },
  'kpi.tickets': { hi: 'खुले सवाल', en: 'Open questions' },
  'kpi.oldest': { hi: 'सबसे पुराना {n} घंटे से इंतज़ार में', en: 'oldest waiting {n} h' },
  'chart.byCategory': { hi: 'उत्पाद श्रेणी के अनुसार विक्रेता', en: 'Sellers by product category' },
  'chart.byTehsil': { hi: 'तहसील के अनुसार विक्रेता', en: 'Sellers by tehsil' },
  'chart.weeks': { hi: 'हर हफ़्ते पूछताछ और मेल दर', en: 'Inquiries a week and their match rate' },
  'chart.week': { hi: 'हफ़्ता', en: 'Week' },
  'chart.inquiries': { hi: 'पूछताछ', en: 'Inquiries' },
  'chart.matched': { hi: 'मेल हुईं', en: 'Matched' },
  'chart.quotes': { hi: 'भाव', en: 'Quotes' },
  'chart.funnels': { hi: 'ब्रॉडकास्ट: भेजे → पहुँचे → पढ़े', en: 'Broadcasts: sent → delivered → read' },
  'chart.planned': { hi: 'कुल', en: 'Planned' },
  'chart.sent': { hi: 'भेजे', en: 'Sent' },
  'chart.delivered': { hi: 'पहुँचे', en: 'Delivered' },
  'chart.read': { hi: 'पढ़े', en: 'Read' },
  'chart.failed': { hi: 'विफल', en: 'Failed' },
  'chart.skipped': { hi: 'छोड़े गए', en: 'Skipped' },
  'chart.capped': {
    hi: 'बहुत ज़्यादा रिकॉर्ड: आँकड़े पहले 50,000 रिकॉर्ड से हैं।',
    en: 'Very many records: the numbers count the first 50,000.',
  },

  // Groups
  'groups.title': { hi: 'ख़रीदार-विक्रेता ग्रुप', en: 'Buyer-seller groups' },
  'groups.code': { hi: 'कोड', en: 'Code' },
  'groups.members': { hi: 'सदस्य', en: 'Members' },
  'groups.muted': { hi: 'म्यूट', en: 'Muted' },
  'groups.new': { hi: 'नया ग्रुप बनाएँ', en: 'Create a group' },
  'groups.codeHint': { hi: '3 से 12 अक्षर और अंक, जैसे RICE24', en: '3 to 12 letters and digits, e.g. RICE24' },
  'groups.description': { hi: 'विवरण', en: 'Description' },
  'groups.productFocus': { hi: 'उत्पाद (कॉमा से अलग)', en: 'Products (comma-separated)' },
  'groups.create': { hi: 'ग्रुप बनाएँ', en: 'Create group' },
  'groups.created': { hi: 'ग्रुप {code} बन गया।', en: 'Group {code} created.' },
  'groups.invite': { hi: 'जुड़ने का तरीका', en: 'How to join' },
  'groups.inviteText': {
    hi: 'WhatsApp पर बॉट को यह लिखें: {text}',
    en: 'Write this to the bot on WhatsApp: {text}',
  },
  'groups.qr': { hi: 'QR कोड: फ़ोन के कैमरे से स्कैन करें', en: 'QR code: scan it with a phone camera' },
  'groups.roles': { hi: 'भूमिकाएँ', en: 'Roles' },
  'groups.role': { hi: 'भूमिका', en: 'Role' },
  'groups.joined': { hi: 'जुड़े', en: 'Joined' },
  'groups.mute': { hi: 'म्यूट करें', en: 'Mute' },
  'groups.unmute': { hi: 'म्यूट हटाएँ', en: 'Unmute' },
  'groups.remove': { hi: 'ग्रुप से हटाएँ', en: 'Remove' },
  'groups.postLimit': { hi: 'रोज़ अधिकतम पोस्ट', en: 'Posts a day at most' },
  'groups.noMembers': {
    hi: 'अभी कोई सदस्य नहीं। लोग ऊपर दिए कोड से जुड़ते हैं।',
    en: 'No members yet. People join with the code above.',
  },
  'role.buyer': { hi: 'ख़रीदार', en: 'buyer' },
  'role.seller': { hi: 'विक्रेता', en: 'seller' },
  'role.moderator': { hi: 'संचालक', en: 'moderator' },
  'role.admin': { hi: 'एडमिन', en: 'admin' },

  // Sellers
  'sellers.title': { hi: 'विक्रेता', en: 'Sellers' },
  'sellers.q': { hi: 'नाम, व्यवसाय या उत्पाद', en: 'Name, business or product' },
  'sellers.category': { hi: 'श्रेणी', en: 'Category' },
  'sellers.tehsil': { hi: 'तहसील', en: 'Tehsil' },
  'sellers.alerts': { hi: 'अलर्ट', en: 'Alerts' },
  'sellers.alertsOn': { hi: 'चालू', en: 'on' },
  'sellers.alertsOff': { hi: 'बंद', en: 'off' },
  'sellers.business': { hi: 'व्यवसाय', en: 'Business' },
  'sellers.products': { hi: 'उत्पाद', en: 'Products' },
  'sellers.registered': { hi: 'पंजीकरण', en: 'Registered' },
  'sellers.pause': { hi: 'अलर्ट रोकें', en: 'Pause alerts' },
  'sellers.resume': { hi: 'अलर्ट फिर चालू करें', en: 'Resume alerts' },
  'sellers.paused': { hi: 'अलर्ट रोक दिए गए।', en: 'Alerts paused.' },
  'sellers.resumed': { hi: 'अलर्ट फिर चालू हो गए।', en: 'Alerts resumed.' },
  'sellers.capacity': { hi: 'मासिक क्षमता', en: 'Monthly capacity' },
  'sellers.certifications': { hi: 'प्रमाणपत्र', en: 'Certifications' },
  'sellers.experience': { hi: 'निर्यात अनुभव', en: 'Export experience' },
  'sellers.unmatched': { hi: 'कैटलॉग में न मिले उत्पाद', en: 'Products not in the catalog' },
  'sellers.consent': { hi: 'नंबर साझा करने की सहमति', en: 'Consent to share the number' },
  'sellers.photos': { hi: 'फ़ोटो', en: 'Photos' },
  'sellers.needsReview': { hi: 'जाँच बाकी', en: 'needs review' },
  'sort.-registered': { hi: 'नए पहले', en: 'Newest first' },
  'sort.registered': { hi: 'पुराने पहले', en: 'Oldest first' },
  'sort.name': { hi: 'नाम (अ-ज़)', en: 'Name (A-Z)' },
  'sort.-name': { hi: 'नाम (ज़-अ)', en: 'Name (Z-A)' },

  // Inquiries
  'inquiries.title': { hi: 'पूछताछ', en: 'Inquiries' },
  'inquiries.product': { hi: 'उत्पाद', en: 'Product' },
  'inquiries.quantity': { hi: 'मात्रा', en: 'Quantity' },
  'inquiries.destination': { hi: 'गंतव्य', en: 'Destination' },
  'inquiries.incoterm': { hi: 'शर्त (Incoterm)', en: 'Incoterm' },
  'inquiries.matches': { hi: 'मेल', en: 'Matches' },
  'inquiries.answered': { hi: 'जवाब', en: 'Answered' },
  'inquiries.quotes': { hi: 'भाव', en: 'Quotes' },
  'inquiries.buyer': { hi: 'ख़रीदार', en: 'Buyer' },
  'inquiries.group': { hi: 'ग्रुप', en: 'Group' },
  'inquiries.text': { hi: 'ख़रीदार ने लिखा', en: 'The buyer wrote' },
  'inquiries.targetPrice': { hi: 'लक्ष्य मूल्य', en: 'Target price' },
  'inquiries.deliveryBy': { hi: 'डिलीवरी तक', en: 'Delivery by' },
  'inquiries.expires': { hi: 'समाप्ति', en: 'Expires' },
  'inquiries.matchList': { hi: 'मेल खाते विक्रेता और उनके कारण', en: 'Matched sellers and why' },
  'inquiries.score': { hi: 'अंक', en: 'Score' },
  'inquiries.noResponse': { hi: 'अभी जवाब नहीं', en: 'No answer yet' },
  'inquiries.respondedIn': { hi: '{time} में जवाब', en: 'answered in {time}' },
  'inquiries.leadTimeLabel': { hi: 'कितने दिन में देंगे', en: 'Lead time' },
  'inquiries.quoteText': { hi: 'विक्रेता ने लिखा', en: 'The seller wrote' },
  'inquiries.quote': { hi: 'भाव', en: 'Quote' },
  'inquiries.minimumOrder': { hi: 'न्यूनतम ऑर्डर', en: 'Minimum order' },
  'inquiries.leadTime': { hi: '{n} दिन में', en: 'in {n} days' },
  'state.open': { hi: 'खुली', en: 'open' },
  'state.matched': { hi: 'मेल हुई', en: 'matched' },
  'state.fulfilled': { hi: 'पूरी हुई', en: 'fulfilled' },
  'state.cancelled': { hi: 'रद्द', en: 'cancelled' },
  'state.expired': { hi: 'समय समाप्त', en: 'expired' },
  'response.interested': { hi: 'रुचि है', en: 'interested' },
  'response.declined': { hi: 'अभी नहीं', en: 'not now' },
  'response.quote': { hi: 'भाव भेजा', en: 'quoted' },

  // Broadcasts
  'broadcasts.title': { hi: 'ब्रॉडकास्ट', en: 'Broadcasts' },
  'broadcasts.compose': { hi: 'नया ब्रॉडकास्ट लिखें', en: 'Compose a broadcast' },
  'broadcasts.name': { hi: 'शीर्षक (केवल अधिकारियों के लिए)', en: 'Title (for officers only)' },
  'broadcasts.titleShort': { hi: 'शीर्षक', en: 'Title' },
  'broadcasts.audience': { hi: 'किसे भेजना है', en: 'Audience' },
  'broadcasts.toGroups': { hi: 'ग्रुप के सदस्य', en: 'Members of groups' },
  'broadcasts.toSegment': { hi: 'चुने हुए लोग (सेगमेंट)', en: 'A segment' },
  'broadcasts.pickGroups': { hi: 'ग्रुप चुनें', en: 'Choose groups' },
  'broadcasts.noGroups': { hi: 'अभी कोई ग्रुप नहीं है।', en: 'There are no groups yet.' },
  'broadcasts.segmentRole': { hi: 'कौन', en: 'Who' },
  'broadcasts.everyone': { hi: 'सभी', en: 'Everyone' },
  'broadcasts.sellers': { hi: 'विक्रेता', en: 'Sellers' },
  'broadcasts.buyers': { hi: 'ख़रीदार', en: 'Buyers' },
  'broadcasts.categories': { hi: 'उत्पाद श्रेणियाँ (कॉमा से अलग)', en: 'Product categories (comma-separated)' },
  'broadcasts.tehsils': { hi: 'तहसीलें (कॉमा से अलग)', en: 'Tehsils (comma-separated)' },
  'broadcasts.language': { hi: 'भाषा', en: 'Language' },
  'broadcasts.anyLanguage': { hi: 'कोई भी', en: 'Any' },
  'broadcasts.textHi': { hi: 'संदेश हिन्दी में', en: 'Message in Hindi' },
  'broadcasts.textEn': { hi: 'संदेश अंग्रेज़ी में', en: 'Message in English' },
  'broadcasts.textHint': {
    hi: 'हर व्यक्ति को संदेश उसकी अपनी भाषा में जाता है; केवल एक भाषा में लिखा हो तो सबको वही जाएगा।',
    en: 'Each person gets their own language; written in one only, everyone gets that one.',
  },
  'broadcasts.media': { hi: 'फ़ोटो या PDF का लिंक (https, वैकल्पिक)', en: 'Photo or PDF link (https, optional)' },
  'broadcasts.when': { hi: 'कब भेजना है', en: 'When' },
  'broadcasts.now': { hi: 'अभी', en: 'Now' },
  'broadcasts.at': { hi: 'तय समय पर (भारतीय समय)', en: 'At a time (India time)' },
  'broadcasts.recurring': { hi: 'बार-बार (cron)', en: 'Recurring (cron)' },
  'broadcasts.cronHint': {
    hi: 'जैसे "0 10 * * 1" = हर सोमवार सुबह 10 बजे (भारतीय समय)',
    en: 'e.g. "0 10 * * 1" = every Monday at 10:00 (India time)',
  },
  'broadcasts.preview': { hi: 'पूर्वावलोकन देखें', en: 'Preview' },
  'broadcasts.previewTitle': { hi: 'किसे और कैसे पहुँचेगा', en: 'Who it reaches, and how' },
  'preview.recipients': { hi: 'कुल प्राप्तकर्ता', en: 'Recipients' },
  'preview.inWindow': { hi: 'पिछले 24 घंटे में बात हुई (सीधा संदेश)', en: 'Inside the 24-hour window (free text)' },
  'preview.asTemplate': { hi: 'स्वीकृत टेम्पलेट से', en: 'By approved template' },
  'preview.outsideWindowSkipped': { hi: '24 घंटे से बात नहीं हुई, छोड़े जाएँगे', en: 'Outside the window, skipped' },
  'preview.optedOut': { hi: 'जिन्होंने STOP किया', en: 'Opted out (STOP)' },
  'preview.unreachable': { hi: 'WhatsApp पर नहीं मिले', en: 'Not on WhatsApp' },
  'preview.estimated': { hi: 'अनुमानित समय', en: 'Estimated time' },
  'broadcasts.confirm': { hi: 'पक्का करें और भेजें', en: 'Confirm and send' },
  'broadcasts.confirmAt': { hi: 'पक्का करें और समय तय करें', en: 'Confirm and schedule' },
  'broadcasts.edit': { hi: 'बदलें', en: 'Edit' },
  'broadcasts.confirmed': { hi: 'ब्रॉडकास्ट तय हो गया।', en: 'Broadcast scheduled.' },
  'broadcasts.pause': { hi: 'रोकें', en: 'Pause' },
  'broadcasts.resume': { hi: 'फिर शुरू करें', en: 'Resume' },
  'broadcasts.cancel': { hi: 'रद्द करें', en: 'Cancel broadcast' },
  'broadcasts.confirmCancel': {
    hi: 'यह ब्रॉडकास्ट रद्द करें? जो अभी नहीं गए, वे नहीं जाएँगे।',
    en: 'Cancel this broadcast? Messages not yet sent will not go.',
  },
  'broadcasts.progress': { hi: 'प्रगति', en: 'Progress' },
  'broadcasts.progressOf': { hi: '{total} में से {done} पूरे', en: '{done} of {total} handled' },
  'broadcasts.complete': { hi: 'पूरा हुआ', en: 'Complete' },
  'broadcasts.report': { hi: 'डिलीवरी रिपोर्ट', en: 'Delivery report' },
  'broadcasts.queued': { hi: 'कतार में', en: 'Queued' },
  'broadcasts.schedule': { hi: 'समय', en: 'Schedule' },
  'broadcasts.runs': { hi: 'बार भेजा', en: 'Runs' },
  'broadcasts.by': { hi: 'किसने बनाया', en: 'Created by' },
  'broadcasts.groupsAudience': { hi: 'ग्रुप: {groups}', en: 'Groups: {groups}' },
  'broadcasts.segmentAudience': { hi: 'सेगमेंट: {what}', en: 'Segment: {what}' },
  'broadcasts.live': { hi: 'हर 2 सेकंड में ताज़ा हो रहा है', en: 'Refreshing every 2 seconds' },
  'schedule.now': { hi: 'अभी', en: 'now' },
  'schedule.at': { hi: '{at} पर', en: 'at {at}' },
  'schedule.recurring': { hi: 'बार-बार: {cron}', en: 'recurring: {cron}' },
  'status.draft': { hi: 'मसौदा', en: 'draft' },
  'status.scheduled': { hi: 'तय', en: 'scheduled' },
  'status.sending': { hi: 'भेजा जा रहा है', en: 'sending' },
  'status.sent': { hi: 'भेजा गया', en: 'sent' },
  'status.paused': { hi: 'रुका हुआ', en: 'paused' },
  'status.cancelled': { hi: 'रद्द', en: 'cancelled' },

  // Tickets
  'tickets.title': { hi: 'वे सवाल जिनका जवाब बॉट नहीं दे पाया', en: 'Questions the bot could not answer' },
  'tickets.question': { hi: 'सवाल', en: 'Question' },
  'tickets.topic': { hi: 'विषय', en: 'Topic' },
  'tickets.asker': { hi: 'पूछने वाले', en: 'Asked by' },
  'tickets.asked': { hi: 'कब पूछा', en: 'Asked' },
  'tickets.answer': { hi: 'जवाब', en: 'Answer' },
  'tickets.answerHint': {
    hi: 'यह जवाब पूछने वाले को WhatsApp पर तुरंत भेजा जाएगा।',
    en: 'This answer is sent to the asker on WhatsApp at once.',
  },
  'tickets.send': { hi: 'जवाब भेजें', en: 'Send answer' },
  'tickets.sent': { hi: 'जवाब भेज दिया गया।', en: 'Answer sent.' },
  'tickets.answeredBy': { hi: 'जवाब दिया: {by}, {at}', en: 'Answered by {by}, {at}' },
  'tickets.noOpen': { hi: 'कोई सवाल बाकी नहीं। बढ़िया!', en: 'No questions waiting. Well done!' },
  'tickets.noAnswered': { hi: 'अभी तक किसी सवाल का जवाब नहीं दिया गया।', en: 'No question has been answered yet.' },
  'tickets.showAnswered': { hi: 'जिनका जवाब दिया जा चुका है, वे सवाल देखें →', en: 'See the answered questions →' },
  'tickets.showOpen': { hi: '← जवाब की राह देखते सवाल', en: '← Questions waiting for an answer' },
  'tickets.saveFaq': { hi: 'FAQ में सहेजें', en: 'Save as a FAQ entry' },
  'tickets.saveFaqHint': {
    hi: 'बॉट अगली बार ऐसे सवालों का जवाब ख़ुद देगा। लोग इसे किन शब्दों में पूछ सकते हैं? हर पंक्ति में एक।',
    en: 'The bot will answer such questions itself next time. How might people ask it? One per line.',
  },
  'tickets.answerHi': { hi: 'जवाब हिन्दी में', en: 'Answer in Hindi' },
  'tickets.answerEn': { hi: 'जवाब अंग्रेज़ी में', en: 'Answer in English' },
  'tickets.phrasingsHi': { hi: 'हिन्दी में सवाल', en: 'Questions in Hindi' },
  'tickets.phrasingsEn': { hi: 'अंग्रेज़ी में सवाल', en: 'Questions in English' },
  'tickets.phrasingsHinglish': { hi: 'हिंग्लिश में सवाल', en: 'Questions in Hinglish' },
  'ticketStatus.open': { hi: 'खुला', en: 'open' },
  'ticketStatus.answered': { hi: 'जवाब दिया', en: 'answered' },
  'ticketStatus.closed': { hi: 'बंद', en: 'closed' },

  // FAQ
  'faq.title': { hi: 'FAQ: बॉट किन सवालों के जवाब देता है', en: 'FAQ: what the bot answers' },
  'faq.q': { hi: 'शब्द खोजें', en: 'Search words' },
  'faq.topic': { hi: 'विषय', en: 'Topic' },
  'faq.origin': { hi: 'कहाँ से', en: 'From' },
  'faq.origin.files': { hi: 'समीक्षित फ़ाइलें', en: 'reviewed files' },
  'faq.origin.added': { hi: 'अधिकारियों ने जोड़े', en: 'added by officers' },
  'faq.answer': { hi: 'जवाब', en: 'Answer' },
  'faq.source': { hi: 'स्रोत', en: 'Source' },
  'faq.reviewed': { hi: 'समीक्षा', en: 'Reviewed' },
  'faq.phrasings': { hi: 'सवाल के रूप', en: 'Phrasings' },
  'faq.edit': { hi: 'जवाब बदलें', en: 'Edit the answer' },
  'faq.addPhrasings': { hi: 'और रूप जोड़ें (हर पंक्ति में एक)', en: 'Add phrasings (one per line)' },
  'faq.add': { hi: 'जोड़ें', en: 'Add' },
  'faq.filesNote': {
    hi: 'यह प्रविष्टि flows/faq/ की समीक्षित फ़ाइलों से है; इसे वहीं समीक्षा से बदला जाता है।',
    en: 'This entry comes from the reviewed files of flows/faq/; it changes there, by review.',
  },
  'faq.usedAtOnce': { hi: 'बॉट अब यही जवाब देगा।', en: 'The bot answers with this from now on.' },
  'lang.hi': { hi: 'हिन्दी', en: 'Hindi' },
  'lang.en': { hi: 'अंग्रेज़ी', en: 'English' },
  'lang.hinglish': { hi: 'हिंग्लिश', en: 'Hinglish' },

  // Flows
  'flows.title': { hi: 'बातचीत के फ़्लो', en: 'Conversation flows' },
  'flows.intro': {
    hi: 'बॉट की हर बातचीत का नक्शा: हर डिब्बा एक कदम है, तीर बताते हैं कि आगे क्या होता है।',
    en: 'A map of each conversation: every box is a step, the arrows say what comes next.',
  },
  'flows.source': { hi: 'Mermaid पाठ', en: 'Mermaid text' },
  'flows.drawing': { hi: 'चित्र बन रहा है…', en: 'Drawing…' },
};

const LANGS = ['hi', 'en'];

export function currentLang() {
  const saved = localStorage.getItem(STORAGE_KEY);
  return LANGS.includes(saved) ? saved : 'hi';
}

export function setLang(lang) {
  localStorage.setItem(STORAGE_KEY, LANGS.includes(lang) ? lang : 'hi');
  document.documentElement.lang = currentLang();
}

/** The text for `key` in the chosen language, with `{name}` filled from `values`. */
export function t(key, values = {}) {
  const entry = TEXTS[key];
  const text = entry ? entry[currentLang()] : key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/** A `{ hi, en }` from the API in the chosen language (the other when this one is missing). */
export function pick(bilingual) {
  if (!bilingual || typeof bilingual !== 'object') return bilingual ?? '';
  const lang = currentLang();
  return bilingual[lang] || bilingual[lang === 'hi' ? 'en' : 'hi'] || '';
}

export function has(key) {
  return key in TEXTS;
}

const locale = () => (currentLang() === 'hi' ? 'hi-IN' : 'en-IN');

export function formatNumber(value, options = {}) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: 1, ...options }).format(value);
}

export function formatPercent(ratio) {
  return `${formatNumber(ratio * 100, { maximumFractionDigits: 0 })}%`;
}

export function formatDate(iso, withTime = true) {
  if (!iso) return '–';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '–';
  return new Intl.DateTimeFormat(locale(), {
    timeZone: 'Asia/Kolkata',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...(withTime ? { hour: 'numeric', minute: '2-digit' } : {}),
  }).format(date);
}

/** `2026-11-30` (a week's Monday) as "30 नव॰" / "30 Nov". */
export function formatDay(day) {
  return new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', day: 'numeric', month: 'short' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/** Seconds as "45 सेकंड", "12 मिनट", "2 घंटे". */
export function formatDuration(seconds) {
  if (seconds < 90) return t('common.seconds', { n: formatNumber(Math.round(seconds)) });
  if (seconds < 90 * 60) return t('common.minutes', { n: formatNumber(Math.round(seconds / 60)) });
  return t('common.hours', { n: formatNumber(Math.round((seconds / 3600) * 10) / 10) });
}
