-- S4: stance writes. PUT /api/v1/demands/{d}/positions/{p} with If-Match, as an analyst would.
--
-- WRK_POSITIONS is a file of "path etag citation_id" lines, one position per demand (a write bumps
-- the ETag of every position of its demand, so two positions of one demand would race). Each wrk
-- thread takes a disjoint slice, never has two requests in flight on one position, and carries the
-- ETag of each PUT's answer into the next PUT on that position: only writes are measured, no GET.
-- The answer names its position ({"demand":..,"party":..}), which is how a response finds its
-- position again (wrk does not say which connection a response came on). The status alternates
-- OPEN_TO_DISCUSSION / REJECTED, so every write really moves the position and the demand status.
bench_threads = {}
local next_id = 0

function setup(thread)
   thread:set("id", next_id)
   next_id = next_id + 1
   table.insert(bench_threads, thread)
end

local pool, by_key, cursor = {}, {}, 0
unmatched = 0
local headers

function init(args)
   local n = tonumber(os.getenv("WRK_THREADS"))
   local i = 0
   for line in io.lines(os.getenv("WRK_POSITIONS")) do
      local path, etag, citation = line:match("^(%S+) (%S+) (%S+)$")
      if path ~= nil then
         if i % n == id then
            local d, p = path:match("/demands/([^/]+)/positions/([^/]+)$")
            local pos = { path = path, etag = etag, citation = citation, busy = false, flip = 0 }
            table.insert(pool, pos)
            by_key[d .. "/" .. p] = pos
         end
         i = i + 1
      end
   end
   headers = { ["Content-Type"] = "application/json",
               ["Authorization"] = "Bearer " .. os.getenv("WRK_KEY") }
end

local statuses = { "OPEN_TO_DISCUSSION", "REJECTED" }

function request()
   local pos
   for _ = 1, #pool do
      cursor = cursor % #pool + 1
      if not pool[cursor].busy then
         pos = pool[cursor]
         break
      end
   end
   if pos == nil then
      -- Every position is waiting for an answer that never named it (an error): start over.
      for _, p in ipairs(pool) do p.busy = false end
      cursor = cursor % #pool + 1
      pos = pool[cursor]
   end
   pos.busy = true
   pos.flip = 1 - pos.flip
   headers["If-Match"] = pos.etag
   local body = '{"status":"' .. statuses[pos.flip + 1] .. '","effective_on":"2022-03-01",' ..
                '"note":"bench write","citation_ids":["' .. pos.citation .. '"]}'
   return wrk.format("PUT", pos.path, headers, body)
end

local statuses = {}

function response(status, hdrs, body)
   statuses[tostring(status)] = (statuses[tostring(status)] or 0) + 1
   wrk.thread:set("statuses", statuses)
   local d, p = body:match('^{"demand":"([^"]+)","party":"([^"]+)"')
   local pos = d and by_key[d .. "/" .. p]
   if pos == nil then
      unmatched = unmatched + 1
      wrk.thread:set("unmatched", unmatched)
      return
   end
   pos.etag = hdrs["ETag"] or hdrs["etag"] or hdrs["Etag"] or pos.etag
   pos.busy = false
end

dofile(os.getenv("WRK_LIB") .. "/report.lua")
