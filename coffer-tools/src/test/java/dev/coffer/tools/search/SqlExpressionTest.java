package dev.coffer.tools.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlExpressionTest {

    @Test
    void concatenatesTextAndFragmentsInOrder() {
        SqlExpression a = SqlExpression.of("a = ?", 1);
        SqlExpression b = SqlExpression.of("b = ?", (Object) null);
        SqlExpression both = SqlExpression.concat("(", a, " OR ", b, ")");
        assertThat(both.sql()).isEqualTo("(a = ? OR b = ?)");
        assertThat(both.params()).isEqualTo(Arrays.asList(1, null));
        assertThat(SqlExpression.join(" AND ", List.of(a, a)).params()).containsExactly(1, 1);
    }

    @Test
    void renderRepeatsArgumentParamsWhereTheTemplateRepeatsThem() {
        SqlExpression x = SqlExpression.param("x");
        SqlExpression y = SqlExpression.of("f(?, ?)", 1, 2);
        SqlExpression out = SqlExpression.render(m -> m[1] + " + " + m[0] + " * " + m[1], x, y);
        assertThat(out.sql()).isEqualTo("f(?, ?) + ? * f(?, ?)");
        assertThat(out.params()).containsExactly(1, 2, "x", 1, 2);
    }

    @Test
    void isImmutable() {
        SqlExpression e = SqlExpression.of("?", "v");
        assertThatThrownBy(() -> e.params().add("w")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> e.withParams(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
