-- A plain GET of the URL given to wrk; WRK_IF_NONE_MATCH, when set, makes it a conditional GET
-- (a dashboard's poll with the ETag it holds). The request is built once, so wrk's own cost stays
-- as low as for /q/health/live.
local inm = os.getenv("WRK_IF_NONE_MATCH")
if inm ~= nil and inm ~= "" then
   wrk.headers["If-None-Match"] = inm
end
dofile(os.getenv("WRK_LIB") .. "/report.lua")
