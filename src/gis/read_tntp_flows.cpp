// The TNTP link flows reader (`_flow.tntp`): a "From To Volume Cost" header, then one line per
// link in the order of the network file.
#include <charconv>
#include <cmath>
#include <string>
#include <string_view>

#include "corridor/error.hpp"
#include "corridor/gis/read.hpp"
#include "text_input.hpp"

namespace corridor::gis {
namespace {

template <class T>
bool parse(std::string_view s, T& out) {
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return !s.empty() && ec == std::errc{} && end == s.data() + s.size();
}

}  // namespace

std::vector<tntp_flow> read_tntp_flows(const std::filesystem::path& path) {
  std::vector<tntp_flow> out;
  bool header = false;
  detail::for_each_line(path, [&](std::size_t line, std::string& text) {
    const auto fail = [&](const std::string& what) {
      throw input_error(path.string() + ":" + std::to_string(line) + ": " + what);
    };
    const std::vector<std::string_view> f = detail::split(text);
    if (f.empty() || f.front().front() == '~') return;
    if (!header) {
      if (f.size() < 3 || f[0] != "From" || f[1] != "To" || f[2] != "Volume") {
        fail("expected the header 'From To Volume Cost', found " + detail::quote(text));
      }
      header = true;
      return;
    }
    tntp_flow r{};
    if (f.size() < 3 || f.size() > 4) {
      fail("malformed line " + detail::quote(text) + " (expected 'from to volume [cost]')");
    }
    if (!parse(f[0], r.from) || r.from == 0) fail("from '" + std::string(f[0]) + "' is not a node");
    if (!parse(f[1], r.to) || r.to == 0) fail("to '" + std::string(f[1]) + "' is not a node");
    if (!parse(f[2], r.volume) || !std::isfinite(r.volume) || r.volume < 0) {
      fail("volume '" + std::string(f[2]) + "' is not a number >= 0");
    }
    r.cost = std::nan("");
    if (f.size() == 4 && (!parse(f[3], r.cost) || !std::isfinite(r.cost))) {
      fail("cost '" + std::string(f[3]) + "' is not a number");
    }
    r.line = line;
    out.push_back(r);
  });
  if (!header) throw input_error(path.string() + ": no 'From To Volume Cost' header");
  return out;
}

std::vector<double> flows_by_link(const loaded_network& n, const std::filesystem::path& path,
                                  const std::vector<tntp_flow>& flows) {
  const built_network& net = n.net;
  const std::vector<std::uint32_t>& record = net.links.record;
  if (flows.size() != record.size()) {
    throw input_error(path.string() + ": " + std::to_string(flows.size()) + " link flows for the " +
                      std::to_string(record.size()) + " links of " + n.path.string());
  }
  std::vector<std::uint32_t> link_of(record.size());  // record (file line order) -> link id
  for (std::uint32_t l = 0; l < record.size(); ++l) link_of[record[l]] = l;
  std::vector<double> out(record.size());
  for (std::uint32_t k = 0; k < record.size(); ++k) {  // in file order: the first bad line
    const tntp_flow& f = flows[k];
    const link_id id{link_of[k]};
    const std::string from = net.places.id[net.place_of(net.graph.tail(id))];
    const std::string to = net.places.id[net.place_of(net.graph.head(id))];
    if (std::to_string(f.from) != from || std::to_string(f.to) != to) {
      throw input_error(path.string() + ":" + std::to_string(f.line) + ": link " +
                        std::to_string(f.from) + "->" + std::to_string(f.to) + " is not link " +
                        std::to_string(k + 1) + " of " + n.path.string() + " (" + from + "->" + to +
                        ")");
    }
    out[id.value()] = f.volume;
  }
  return out;
}

}  // namespace corridor::gis
