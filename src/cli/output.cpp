#include "cli/output.hpp"

#include <iostream>

#include "domain/printable_text.hpp"
#include "managers/errors.hpp"

namespace cli {

void Output::print_json(const nlohmann::json& value) const { std::cout << value.dump(2) << '\n'; }

void Output::line(std::string_view text) const { std::cout << text << '\n'; }

void Output::note(std::string_view text) const { (json_ ? std::cerr : std::cout) << text << '\n'; }

void Output::warning(std::string_view text) const { std::cerr << "warning: " << text << '\n'; }

void Output::order(const managers::Order& order) const {
  if (json_)
    print_json(managers::to_json(order));
  else
    line(managers::format_order_summary(order));
}

void Output::orders(const std::vector<managers::Order>& orders) const {
  if (json_) {
    print_json(managers::to_json(orders));
    return;
  }
  if (orders.empty()) line("No orders.");
  for (const managers::Order& order : orders) line(order_line(order));
}

std::string order_line(const managers::Order& order) {
  std::int64_t units = 0;
  for (const managers::OrderItem& item : order.items) units += item.quantity;
  return order.order_id + "  " + std::string(managers::to_string(order.status)) + "  " + order.created_at + "  " +
         order.customer_name + " (" + order.customer_id + ")  " + std::to_string(units) +
         (units == 1 ? " item" : " items") + "  $" + order.total_price.to_string();
}

// One line, and nothing a terminal would act on, whatever text from outside the message holds.
void print_error(std::string_view message) { std::cerr << "error: " << managers::domain::printable(message) << '\n'; }

int report_exception(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const CommandError& e) {
    print_error(e.what());
    return e.code();
  } catch (const managers::ValidationError& e) {
    print_error(e.what());
    return kExitInvalid;
  } catch (const managers::ConfigurationError& e) {
    print_error(e.what());
    return kExitInvalid;
  } catch (const managers::StorageError& e) {
    print_error(e.what());
    return kExitStorage;
  } catch (const std::ios_base::failure& e) {
    print_error(e.what());
    return kExitStorage;
  } catch (const std::exception& e) {
    print_error(std::string("internal error: ") + e.what());
    return kExitStorage;
  } catch (...) {
    print_error("internal error: unknown exception");
    return kExitStorage;
  }
}

}  // namespace cli
