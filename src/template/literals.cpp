#include "template/template.hpp"

namespace thidua::tpl {

namespace {

class LiteralWalker {
public:
    std::vector<LiteralText> out;

    void body(const Body& b) {
        for (const Node& n : b) node(n);
    }

private:
    void expr(const ExprPtr& e) {
        if (!e) return;
        if (e->kind == Expr::Kind::literal && e->literal.is_string()) {
            out.push_back({e->loc, e->literal.get<std::string>()});
        }
        expr(e->base);
        expr(e->other);
        for (const ExprPtr& a : e->args) expr(a);
    }

    void content(const Content& c) {
        for (const Segment& s : c) {
            if (s.expr) {
                expr(s.expr);
            } else if (!s.text.empty()) {
                out.push_back({s.loc, s.text});
            }
        }
    }

    void node(const Node& n) {
        content(n.content);
        for (const Content& c : n.cells) content(c);
        expr(n.level_expr);
        expr(n.expr);
        for (const ExprPtr& a : n.args) expr(a);
        for (const auto& [cond, b] : n.branches) {
            expr(cond);
            body(b);
        }
        body(n.else_body);
        body(n.body);
    }
};

}  // namespace

std::vector<LiteralText> literal_texts(const Template& t) {
    LiteralWalker w;
    w.body(t.body);
    for (const auto& [name, m] : t.macros) w.body(m.body);
    return std::move(w.out);
}

}  // namespace thidua::tpl
