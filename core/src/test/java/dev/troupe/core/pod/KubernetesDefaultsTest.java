package dev.troupe.core.pod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.core.json.Json;
import dev.troupe.core.model.ObjectMeta;
import dev.troupe.core.model.Pod;
import dev.troupe.core.model.PodSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The defaults of Kubernetes' {@code SetObjectDefaults_Pod}, as a client reads them back: each row
 * sends a spec (quotes written as {@code '}) and reads one part of the defaulted spec.
 */
class KubernetesDefaultsTest {

  static JsonNode json(String text) {
    try {
      return Json.mapper().readTree(text.replace('\'', '"'));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  static PodSpec defaulted(String spec) {
    PodSpec sent = Json.mapper().convertValue(json(spec), PodSpec.class);
    return PodDefaults.apply(Pod.of(ObjectMeta.named("default", "web"), sent)).spec();
  }

  static Stream<Arguments> defaults() {
    return Stream.of(
        arguments(
            "what kubectl run sends gets exactly what Kubernetes adds (admission aside)",
            "{'containers':[{'name':'web','image':'nginx','ports':[{'containerPort':80}],"
                + "'resources':{}}],'restartPolicy':'Always','dnsPolicy':'ClusterFirst'}",
            "",
            "{'containers':[{'name':'web','image':'nginx',"
                + "'ports':[{'containerPort':80,'protocol':'TCP'}],'resources':{},"
                + "'terminationMessagePath':'/dev/termination-log',"
                + "'terminationMessagePolicy':'File','imagePullPolicy':'Always'}],"
                + "'restartPolicy':'Always','terminationGracePeriodSeconds':30,"
                + "'dnsPolicy':'ClusterFirst','securityContext':{},"
                + "'schedulerName':'default-scheduler','enableServiceLinks':true}"),
        arguments(
            "empty texts count as absent, as in Go",
            "{'containers':[],'dnsPolicy':'','schedulerName':'','restartPolicy':''}",
            "",
            "{'containers':[],'restartPolicy':'Always','terminationGracePeriodSeconds':30,"
                + "'dnsPolicy':'ClusterFirst','securityContext':{},"
                + "'schedulerName':'default-scheduler','enableServiceLinks':true}"),
        arguments(
            "a container without resources gets an empty resources object",
            "{'containers':[{'name':'a','image':'busybox:1.36'}]}",
            "/containers/0/resources",
            "{}"),
        arguments(
            "an HTTP probe gets its path, scheme, timings and thresholds",
            "{'containers':[{'name':'a','livenessProbe':{'httpGet':{'port':80}}}]}",
            "/containers/0/livenessProbe",
            "{'httpGet':{'path':'/','port':80,'scheme':'HTTP'},'timeoutSeconds':1,"
                + "'periodSeconds':10,'successThreshold':1,'failureThreshold':3}"),
        arguments(
            "a probe's zero timings count as unset",
            "{'containers':[{'name':'a','readinessProbe':{'exec':{'command':['true']},"
                + "'timeoutSeconds':0,'periodSeconds':0,'successThreshold':0,'failureThreshold':0}}]}",
            "/containers/0/readinessProbe",
            "{'exec':{'command':['true']},'timeoutSeconds':1,'periodSeconds':10,"
                + "'successThreshold':1,'failureThreshold':3}"),
        arguments(
            "a probe's own timings are kept",
            "{'containers':[{'name':'a','startupProbe':{'tcpSocket':{'port':'http'},"
                + "'initialDelaySeconds':3,'timeoutSeconds':5,'periodSeconds':2,"
                + "'successThreshold':1,'failureThreshold':30}}]}",
            "/containers/0/startupProbe",
            "{'tcpSocket':{'port':'http'},'initialDelaySeconds':3,'timeoutSeconds':5,"
                + "'periodSeconds':2,'successThreshold':1,'failureThreshold':30}"),
        arguments(
            "a gRPC probe's service defaults to the empty name",
            "{'containers':[{'name':'a','startupProbe':{'grpc':{'port':9090}}}]}",
            "/containers/0/startupProbe/grpc",
            "{'port':9090,'service':''}"),
        arguments(
            "an HTTPS probe keeps its scheme and path",
            "{'containers':[{'name':'a','livenessProbe':{'httpGet':{'path':'/h','port':443,"
                + "'scheme':'HTTPS'}}}]}",
            "/containers/0/livenessProbe/httpGet",
            "{'path':'/h','port':443,'scheme':'HTTPS'}"),
        arguments(
            "a lifecycle hook's HTTP request gets its path and scheme",
            "{'containers':[{'name':'a','lifecycle':{'postStart':{'httpGet':{'port':8080}},"
                + "'preStop':{'sleep':{'seconds':5}}}}]}",
            "/containers/0/lifecycle",
            "{'postStart':{'httpGet':{'path':'/','port':8080,'scheme':'HTTP'}},"
                + "'preStop':{'sleep':{'seconds':5}}}"),
        arguments(
            "a field reference of an environment variable is of API version v1",
            "{'containers':[{'name':'a','env':[{'name':'N','valueFrom':{'fieldRef':"
                + "{'fieldPath':'metadata.name'}}},{'name':'M','value':'x'}]}]}",
            "/containers/0/env",
            "[{'name':'N','valueFrom':{'fieldRef':{'apiVersion':'v1',"
                + "'fieldPath':'metadata.name'}}},{'name':'M','value':'x'}]"),
        arguments(
            "a limit without a request asks for as much as it limits",
            "{'containers':[{'name':'a','resources':{'limits':{'cpu':'1','memory':'1Gi'},"
                + "'requests':{'cpu':'250m'}}}]}",
            "/containers/0/resources",
            "{'limits':{'cpu':'1','memory':'1Gi'},'requests':{'cpu':'250m','memory':'1Gi'}}"),
        arguments(
            "init containers get the containers' defaults",
            "{'initContainers':[{'name':'i','image':'busybox:1.36','ports':[{'containerPort':1}],"
                + "'resources':{'limits':{'cpu':'1'}}}],'containers':[]}",
            "/initContainers/0",
            "{'name':'i','image':'busybox:1.36','ports':[{'containerPort':1,'protocol':'TCP'}],"
                + "'resources':{'limits':{'cpu':'1'},'requests':{'cpu':'1'}},"
                + "'terminationMessagePath':'/dev/termination-log',"
                + "'terminationMessagePolicy':'File','imagePullPolicy':'IfNotPresent'}"),
        arguments(
            "with host networking a container port is also the host port",
            "{'hostNetwork':true,'containers':[{'name':'a','ports':[{'containerPort':80},"
                + "{'containerPort':81,'hostPort':81}]}],'initContainers':[{'name':'i',"
                + "'ports':[{'containerPort':82,'hostPort':0}]}]}",
            "",
            "{'initContainers':[{'name':'i','ports':[{'hostPort':82,'containerPort':82,"
                + "'protocol':'TCP'}],'resources':{},'terminationMessagePath':"
                + "'/dev/termination-log','terminationMessagePolicy':'File',"
                + "'imagePullPolicy':'IfNotPresent'}],'containers':[{'name':'a','ports':[{'hostPort':80,"
                + "'containerPort':80,'protocol':'TCP'},{'hostPort':81,'containerPort':81,"
                + "'protocol':'TCP'}],'resources':{},'terminationMessagePath':"
                + "'/dev/termination-log','terminationMessagePolicy':'File',"
                + "'imagePullPolicy':'IfNotPresent'}],'restartPolicy':'Always',"
                + "'terminationGracePeriodSeconds':30,'dnsPolicy':'ClusterFirst',"
                + "'hostNetwork':true,'securityContext':{},'schedulerName':'default-scheduler',"
                + "'enableServiceLinks':true}"),
        arguments(
            "a volume without a source is an empty dir",
            "{'containers':[],'volumes':[{'name':'scratch'}]}",
            "/volumes",
            "[{'name':'scratch','emptyDir':{}}]"),
        arguments(
            "secret, configMap and downwardAPI volumes get file mode 0644",
            "{'containers':[],'volumes':[{'name':'s','secret':{'secretName':'x'}},"
                + "{'name':'c','configMap':{'name':'x','defaultMode':256}},"
                + "{'name':'d','downwardAPI':{'items':[{'path':'n','fieldRef':"
                + "{'fieldPath':'metadata.name'}}]}}]}",
            "/volumes",
            "[{'name':'s','secret':{'secretName':'x','defaultMode':420}},"
                + "{'name':'c','configMap':{'name':'x','defaultMode':256}},"
                + "{'name':'d','downwardAPI':{'items':[{'path':'n','fieldRef':"
                + "{'fieldPath':'metadata.name','apiVersion':'v1'}}],'defaultMode':420}}]"),
        arguments(
            "a projected volume gets its mode, token lifetime and field API versions",
            "{'containers':[],'volumes':[{'name':'p','projected':{'sources':["
                + "{'serviceAccountToken':{'path':'token'}},"
                + "{'downwardAPI':{'items':[{'path':'ns','fieldRef':{'fieldPath':'metadata.namespace'}}]}}]}}]}",
            "/volumes/0/projected",
            "{'sources':[{'serviceAccountToken':{'path':'token','expirationSeconds':3600}},"
                + "{'downwardAPI':{'items':[{'path':'ns','fieldRef':"
                + "{'fieldPath':'metadata.namespace','apiVersion':'v1'}}]}}],'defaultMode':420}"),
        arguments(
            "a host path volume gets an empty type",
            "{'containers':[],'volumes':[{'name':'h','hostPath':{'path':'/var/log'}}]}",
            "/volumes/0/hostPath",
            "{'path':'/var/log','type':''}"),
        arguments(
            "a generic ephemeral volume's claim is of the filesystem mode",
            "{'containers':[],'volumes':[{'name':'e','ephemeral':{'volumeClaimTemplate':"
                + "{'spec':{'accessModes':['ReadWriteOnce']}}}}]}",
            "/volumes/0/ephemeral/volumeClaimTemplate/spec",
            "{'accessModes':['ReadWriteOnce'],'volumeMode':'Filesystem'}"),
        arguments(
            "the old in-tree volume plugins get theirs",
            "{'containers':[],'volumes':[{'name':'i','iscsi':{'targetPortal':'t','iqn':'q','lun':0}},"
                + "{'name':'r','rbd':{'monitors':['m'],'image':'i'}},"
                + "{'name':'a','azureDisk':{'diskName':'d','diskURI':'u'}},"
                + "{'name':'s','scaleIO':{'gateway':'g','system':'s','secretRef':{'name':'x'}}}]}",
            "/volumes",
            "[{'name':'i','iscsi':{'targetPortal':'t','iqn':'q','lun':0,"
                + "'iscsiInterface':'default'}},"
                + "{'name':'r','rbd':{'monitors':['m'],'image':'i','pool':'rbd','user':'admin',"
                + "'keyring':'/etc/ceph/keyring'}},"
                + "{'name':'a','azureDisk':{'diskName':'d','diskURI':'u','cachingMode':'ReadWrite',"
                + "'fsType':'ext4','readOnly':false,'kind':'Shared'}},"
                + "{'name':'s','scaleIO':{'gateway':'g','system':'s','secretRef':{'name':'x'},"
                + "'storageMode':'ThinProvisioned','fsType':'xfs'}}]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("defaults")
  void kubernetesDefaultsAreFilledIn(
      String sentence, String sent, String pointer, String expected) {
    JsonNode written = Json.mapper().valueToTree(defaulted(sent)).at(pointer);

    // compared as text, so the order of the fields counts too
    assertThat(written.toString()).isEqualTo(json(expected).toString());
  }

  @Test
  void theTreeSentIsNotChangedWhileItsCopyIsDefaulted() {
    PodSpec sent =
        Json.mapper()
            .convertValue(
                json("{'containers':[],'volumes':[{'name':'s','secret':{'secretName':'x'}}]}"),
                PodSpec.class);

    PodSpec defaulted = PodDefaults.apply(Pod.of(ObjectMeta.named("d", "w"), sent)).spec();

    assertThat(sent.volumes().get(0).path("secret").has("defaultMode")).isFalse();
    assertThat(defaulted.volumes().get(0).path("secret").path("defaultMode").asInt())
        .isEqualTo(420);
  }

  @Test
  void aFullyDefaultedPodIsLeftAsItIs() throws IOException {
    try (InputStream in =
        Pod.class.getResourceAsStream("/dev/troupe/core/model/kubernetes-pod.json")) {
      Pod pod = Json.mapper().readValue(in, Pod.class);
      Pod once = PodDefaults.apply(pod);

      assertThat(PodDefaults.apply(once)).isEqualTo(once);
      assertThat(once.spec().affinity()).isEqualTo(pod.spec().affinity());
      assertThat(once.spec().containers().get(0).livenessProbe())
          .isEqualTo(pod.spec().containers().get(0).livenessProbe());
    }
  }
}
