-- Closed-loop saturation of POST /orders with wrk (Debian's wrk):
--   wrk -t2 -c32 -d20s -s benchmarks/wrk/place-orders.lua http://localhost:8080
-- Uses the BENCH-0001..0200 products that ./bench.sh all creates with ample stock. Without
-- security only: it names the customer in the body and sends no token.
-- For latency at a fixed rate use ./bench.sh all (open loop); wrk only finds the ceiling.
local counter = 0
request = function()
  counter = counter + 1
  local a = math.random(1, 200)
  local b = (a % 200) + 1
  local body = string.format(
    '{"customerId":"wrk-%d","customerEmail":"wrk-%d@example.com","currency":"EUR","items":[{"sku":"BENCH-%04d","quantity":1},{"sku":"BENCH-%04d","quantity":2}]}',
    counter % 5000, counter % 5000, a, b)
  return wrk.format("POST", "/orders", {["Content-Type"] = "application/json"}, body)
end

response = function(status, headers, body)
  if status ~= 201 then
    io.stderr:write("unexpected status " .. status .. "\n")
  end
end
