-- wrk: GET /orders/{id} over ids ORD-00000000 .. ORD-(N-1) (bench/sqlite_populate's),
-- N from the environment (ORDERS), in a per-thread random order.
local orders = tonumber(os.getenv("ORDERS") or "20000")
local token = os.getenv("TOKEN")

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(seed)
  if token then wrk.headers["Authorization"] = "Bearer " .. token end
end

function request()
  return wrk.format("GET", string.format("/orders/ORD-%08d", math.random(0, orders - 1)))
end
