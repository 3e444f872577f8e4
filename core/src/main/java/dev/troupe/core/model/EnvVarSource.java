package dev.troupe.core.model;

/** Where an environment variable's value comes from; exactly one source is set. */
public record EnvVarSource(
    ObjectFieldSelector fieldRef,
    ResourceFieldSelector resourceFieldRef,
    ConfigMapKeySelector configMapKeyRef,
    SecretKeySelector secretKeyRef) {

  public EnvVarSource withFieldRef(ObjectFieldSelector newFieldRef) {
    return new EnvVarSource(newFieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef);
  }
}
