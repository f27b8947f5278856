package io.kubesim.scenarios.manifest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The Jackson mapper that binds checked YAML trees to fabric8 model classes. Coercions that the
 * API server does not do (a string "3" into an integer field) are disabled, so Jackson never
 * quietly accepts what {@code kubectl apply} would reject.
 */
final class Fabric8Mapper {
    static final ObjectMapper MAPPER = create();

    private Fabric8Mapper() {
    }

    private static ObjectMapper create() {
        ObjectMapper m = new ObjectMapper();
        m.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        m.configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
        for (LogicalType t : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            m.coercionConfigFor(t).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        return m;
    }
}
