/**
 * The seller index's Lua scripts: each change is one atomic step in Redis, so two workers updating the same seller
 * (a profile edit and a rebuild, two alerts at once) never leave it listed under a product it no longer has or
 * lose a count. Seller ids are never raised in an error: errors reach logs.
 */

/**
 * Lists a seller under exactly the sets given and stores its profile.
 * KEYS: profiles, listed-in. ARGV: seller id, profile JSON, then the set keys it belongs in now.
 */
export const PUT_SELLER = `
local id = ARGV[1]
local now = {}
for i = 3, #ARGV do now[ARGV[i]] = true end
local before = redis.call('HGET', KEYS[2], id)
if before then
  for key in string.gmatch(before, '[^\\n]+') do
    if not now[key] then redis.call('SREM', key, id) end
  end
end
for i = 3, #ARGV do redis.call('SADD', ARGV[i], id) end
redis.call('HSET', KEYS[1], id, ARGV[2])
if #ARGV >= 3 then
  redis.call('HSET', KEYS[2], id, table.concat(ARGV, '\\n', 3))
else
  redis.call('HDEL', KEYS[2], id)
end
return 1
`;

/**
 * Forgets a seller: out of every set, profile and stats deleted. Returns 1 if there was a profile.
 * KEYS: profiles, listed-in, stats. ARGV: seller id.
 */
export const REMOVE_SELLER = `
local id = ARGV[1]
local before = redis.call('HGET', KEYS[2], id)
if before then
  for key in string.gmatch(before, '[^\\n]+') do redis.call('SREM', key, id) end
end
redis.call('HDEL', KEYS[2], id)
redis.call('HDEL', KEYS[3], id)
return redis.call('HDEL', KEYS[1], id)
`;

/**
 * Up to ARGV[1] sellers of the product, then of its category, with their profiles and stats: one round trip, and
 * only the sellers that will be read cross the network. A set larger than the room left is sampled at random
 * (SRANDMEMBER), so every seller of a crowded product is as likely to be looked at as any other.
 * KEYS: product set, category set, profiles, stats. ARGV: limit, '1' to read the product set, '1' the category set.
 * Returns { ids, profiles, stats } with false (nil) where a profile or stats entry is missing.
 */
export const READ_CANDIDATES = `
local limit = tonumber(ARGV[1])
local ids, seen = {}, {}
local function take(key)
  local room = limit - #ids
  if room <= 0 then return end
  local size = redis.call('SCARD', key)
  local members
  if size <= room then
    members = redis.call('SMEMBERS', key)
  else
    -- The category's set holds the product's sellers too: draw enough to fill the room after those.
    members = redis.call('SRANDMEMBER', key, math.min(size, room + #ids))
  end
  for _, id in ipairs(members) do
    if #ids >= limit then return end
    if not seen[id] then
      seen[id] = true
      ids[#ids + 1] = id
    end
  end
end
if ARGV[2] == '1' then take(KEYS[1]) end
if ARGV[3] == '1' then take(KEYS[2]) end
local profiles, stats = {}, {}
-- unpack() of thousands of arguments overflows Lua's stack: read in chunks.
for from = 1, #ids, 500 do
  local chunk = { unpack(ids, from, math.min(from + 499, #ids)) }
  local p = redis.call('HMGET', KEYS[3], unpack(chunk))
  local s = redis.call('HMGET', KEYS[4], unpack(chunk))
  for i = 1, #chunk do
    profiles[#profiles + 1] = p[i]
    stats[#stats + 1] = s[i]
  end
end
return { ids, profiles, stats }
`;

/**
 * Counts one alert to each seller at ARGV[1] (epoch ms), fading the counts kept so far by the half-life ARGV[2].
 * KEYS: stats. ARGV: at, half-life ms, then the seller ids.
 */
export const RECORD_ALERTS = `
local at, halfLife = tonumber(ARGV[1]), tonumber(ARGV[2])
for i = 3, #ARGV do
  local raw = redis.call('HGET', KEYS[1], ARGV[i])
  local s = raw and cjson.decode(raw) or { a = 0, r = 0, t = at }
  if at > s.t then
    local fade = 0.5 ^ ((at - s.t) / halfLife)
    s.a, s.r, s.t = s.a * fade, s.r * fade, at
  end
  s.a = s.a + 1
  if not s.l or at > s.l then s.l = at end
  redis.call('HSET', KEYS[1], ARGV[i], cjson.encode(s))
end
return #ARGV - 2
`;

/**
 * Counts one reply and folds its delay into the mean: a plain mean over the first five replies, then each new one
 * weighs a fifth, so the mean follows a seller who has become quicker or slower.
 * KEYS: stats. ARGV: now, half-life ms, seller id, reply delay ms.
 */
export const RECORD_RESPONSE = `
local now, halfLife, id, ms = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4])
local raw = redis.call('HGET', KEYS[1], id)
local s = raw and cjson.decode(raw) or { a = 0, r = 0, t = now }
if now > s.t then
  local fade = 0.5 ^ ((now - s.t) / halfLife)
  s.a, s.r, s.t = s.a * fade, s.r * fade, now
end
s.r = s.r + 1
-- A reply to an alert the index no longer counts (Redis lost it) still had an alert.
if s.a < s.r then s.a = s.r end
local weight = math.max(1 / s.r, 0.2)
if s.m then s.m = s.m + weight * (ms - s.m) else s.m = ms end
redis.call('HSET', KEYS[1], id, cjson.encode(s))
return 1
`;
