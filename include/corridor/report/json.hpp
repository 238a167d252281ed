// A small streaming JSON writer for reports (objects, arrays, strings, numbers, null).
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace corridor::report {

class json_writer {
 public:
  json_writer& begin_object() { return open('{'); }
  json_writer& end_object() { return close('}'); }
  json_writer& begin_array() { return open('['); }
  json_writer& end_array() { return close(']'); }
  json_writer& key(std::string_view k) {
    comma();
    string_literal(k);
    out_ += ": ";
    after_key_ = true;
    return *this;
  }
  json_writer& value(std::string_view s) {
    comma();
    string_literal(s);
    return *this;
  }
  json_writer& value(const char* s) { return value(std::string_view(s)); }
  json_writer& value(double v) {
    comma();
    // 10 significant digits: exact for the integers of DIMACS/TNTP weights, stable across builds.
    out_ += std::isfinite(v) ? format_g10(v) : "null";
    return *this;
  }
  json_writer& value(std::uint32_t v) {
    comma();
    out_ += std::to_string(v);
    return *this;
  }
  json_writer& value(std::uint64_t v) {
    comma();
    out_ += std::to_string(v);
    return *this;
  }
  json_writer& value(int v) {
    comma();
    out_ += std::to_string(v);
    return *this;
  }
  json_writer& value(bool v) {
    comma();
    out_ += v ? "true" : "false";
    return *this;
  }
  json_writer& null() {
    comma();
    out_ += "null";
    return *this;
  }
  /// Inserts an already-formatted JSON value (e.g. another writer's output), re-indented.
  json_writer& raw(std::string_view json) {
    comma();
    std::string_view v = json;
    while (!v.empty() && (v.back() == '\n' || v.back() == ' ')) v.remove_suffix(1);
    const std::string pad(2 * first_.size(), ' ');
    for (const char ch : v) {
      out_ += ch;
      if (ch == '\n') out_ += pad;
    }
    return *this;
  }
  template <class T>
  json_writer& field(std::string_view k, const T& v) {
    key(k);
    return value(v);
  }
  [[nodiscard]] std::string str() const { return out_ + "\n"; }

 private:
  /// `v` with 10 significant digits, as printf's %.10g writes it.
  static std::string format_g10(double v) {
    char buf[32];
    const int n = std::snprintf(buf, sizeof buf, "%.10g", v);
    return std::string(buf, static_cast<std::size_t>(n));
  }
  /// A control character as a JSON escape: a backslash, u and four hex digits.
  static std::string unicode_escape(unsigned c) {
    char buf[8];
    const int n = std::snprintf(buf, sizeof buf, "\\u%04x", c);
    return std::string(buf, static_cast<std::size_t>(n));
  }
  json_writer& open(char c) {
    comma();
    out_ += c;
    first_.push_back(true);
    return *this;
  }
  json_writer& close(char c) {
    const bool empty = first_.back();
    first_.pop_back();
    if (!empty) newline();
    out_ += c;
    return *this;
  }
  void newline() {
    out_ += '\n';
    out_.append(2 * first_.size(), ' ');
  }
  void comma() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (first_.empty()) return;
    if (!first_.back()) out_ += ',';
    first_.back() = false;
    newline();
  }
  void string_literal(std::string_view s) {
    out_ += '"';
    for (const char c : s) {
      switch (c) {
        case '"':
          out_ += "\\\"";
          break;
        case '\\':
          out_ += "\\\\";
          break;
        case '\n':
          out_ += "\\n";
          break;
        case '\r':
          out_ += "\\r";
          break;
        case '\t':
          out_ += "\\t";
          break;
        default:
          if (static_cast<unsigned char>(c) < 0x20) {
            out_ += unicode_escape(static_cast<unsigned>(c));
          } else {
            out_ += c;
          }
      }
    }
    out_ += '"';
  }

  std::string out_;
  std::vector<bool> first_;
  bool after_key_ = false;
};

}  // namespace corridor::report
