-- wrk: POST /orders with a new id per request (the run's prefix, the thread and a counter).
local token = os.getenv("TOKEN")
local prefix = os.getenv("PREFIX") or "P"
local counter = 0

threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  if token then wrk.headers["Authorization"] = "Bearer " .. token end
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"order_id":"%s-%d-%d","customer_id":"CUST-%d","customer_name":"Load Test %d",' ..
    '"items":[{"item_name":"Coffee","quantity":2,"unit_price":3.5},{"item_name":"Bagel","quantity":1,"unit_price":2.99}],' ..
    '"total_price":9.99,"metadata":{"source":"wrk"}}',
    prefix, thread_number, counter, counter % 500, counter % 500)
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status ~= 201 then
    io.stderr:write("unexpected status " .. status .. ": " .. body .. "\n")
  end
end
